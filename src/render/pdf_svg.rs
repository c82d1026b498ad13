//! SVG drawings → PDF drawing operators, for the PDF writer to put in a form XObject. The form
//! is a unit square, as images are: the writer scales it to the image's box, so the operators
//! start by mapping the drawing's size (y downwards) onto that square (y upwards).
//!
//! What is drawn: paths with their fills (non-zero or even-odd) and strokes (width, caps, joins,
//! dashes), groups with their transforms and clip paths. What is approximated: a gradient is
//! painted with the average of its stops; opacity is ignored (drawn opaque), as are masks,
//! filters and patterns, which a logo or a diagram rarely needs. usvg has already resolved
//! styles, `<use>` and basic shapes into paths.

use std::fmt::Write;
use usvg::tiny_skia_path::PathSegment;
use usvg::{Group, Node, Paint, Transform};

/// The operators drawing `tree` into the unit square.
pub fn unit_square_ops(tree: &usvg::Tree) -> Vec<u8> {
    let size = tree.size();
    let (w, h) = (
        size.width().max(f32::EPSILON),
        size.height().max(f32::EPSILON),
    );
    let mut out = String::new();
    // x / w, and y flipped: 1 - y / h.
    cm(
        &mut out,
        Transform::from_row(1.0 / w, 0.0, 0.0, -1.0 / h, 0.0, 1.0),
    );
    group(&mut out, tree.root());
    out.into_bytes()
}

fn group(out: &mut String, g: &Group) {
    out.push_str("q\n");
    if !g.transform().is_identity() {
        cm(out, g.transform());
    }
    if let Some(clip) = g.clip_path() {
        let mut any = false;
        clip_paths(out, clip.root(), clip.transform(), &mut any);
        if any {
            out.push_str("W n\n");
        }
    }
    for node in g.children() {
        match node {
            Node::Group(child) => group(out, child),
            Node::Path(path) if path.is_visible() => draw_path(out, path),
            // Images inside an SVG are never loaded, and text needs fonts usvg is built
            // without: neither is drawn.
            _ => {}
        }
    }
    out.push_str("Q\n");
}

/// Every path of a clip path, in the group's coordinates, appended as one clipping path.
fn clip_paths(out: &mut String, g: &Group, outer: Transform, any: &mut bool) {
    let t = outer.pre_concat(g.transform());
    for node in g.children() {
        match node {
            Node::Group(child) => clip_paths(out, child, t, any),
            Node::Path(path) => {
                segments(out, path.data(), t);
                *any = true;
            }
            _ => {}
        }
    }
}

fn draw_path(out: &mut String, path: &usvg::Path) {
    let fill = path
        .fill()
        .and_then(|f| colour(f.paint()).map(|c| (c, f.rule() == usvg::FillRule::EvenOdd)));
    let stroke = path
        .stroke()
        .and_then(|s| colour(s.paint()).map(|c| (c, s)));
    if fill.is_none() && stroke.is_none() {
        return;
    }
    let mut both_orders = vec![];
    match path.paint_order() {
        usvg::PaintOrder::FillAndStroke => {
            both_orders.push(true);
            both_orders.push(false);
        }
        usvg::PaintOrder::StrokeAndFill => {
            both_orders.push(false);
            both_orders.push(true);
        }
    }
    for is_fill in both_orders {
        if is_fill {
            let Some((c, even_odd)) = fill else { continue };
            let _ = writeln!(out, "{} {} {} rg", n(c[0]), n(c[1]), n(c[2]));
            segments(out, path.data(), Transform::identity());
            out.push_str(if even_odd { "f*\n" } else { "f\n" });
        } else {
            let Some((c, s)) = stroke else { continue };
            let _ = writeln!(out, "{} {} {} RG", n(c[0]), n(c[1]), n(c[2]));
            let _ = writeln!(out, "{} w", n(s.width().get()));
            let cap = match s.linecap() {
                usvg::LineCap::Butt => 0,
                usvg::LineCap::Round => 1,
                usvg::LineCap::Square => 2,
            };
            let join = match s.linejoin() {
                usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => 0,
                usvg::LineJoin::Round => 1,
                usvg::LineJoin::Bevel => 2,
            };
            let _ = writeln!(out, "{cap} J {join} j {} M", n(s.miterlimit().get()));
            match s.dasharray() {
                Some(dashes) if !dashes.is_empty() => {
                    out.push('[');
                    for d in dashes {
                        let _ = write!(out, "{} ", n(*d));
                    }
                    let _ = writeln!(out, "] {} d", n(s.dashoffset()));
                }
                _ => out.push_str("[] 0 d\n"),
            }
            segments(out, path.data(), Transform::identity());
            out.push_str("S\n");
        }
    }
}

/// A paint as an RGB colour in 0–1: a plain colour, or a gradient's average; none for a
/// pattern.
fn colour(paint: &Paint) -> Option<[f32; 3]> {
    let rgb = |c: usvg::Color| {
        [
            f32::from(c.red) / 255.0,
            f32::from(c.green) / 255.0,
            f32::from(c.blue) / 255.0,
        ]
    };
    let average = |stops: &[usvg::Stop]| {
        if stops.is_empty() {
            return None;
        }
        let mut sum = [0.0; 3];
        for stop in stops {
            let c = rgb(stop.color());
            for i in 0..3 {
                sum[i] += c[i];
            }
        }
        let count = stops.len() as f32;
        Some(sum.map(|v| v / count))
    };
    match paint {
        Paint::Color(c) => Some(rgb(*c)),
        Paint::LinearGradient(g) => average(g.stops()),
        Paint::RadialGradient(g) => average(g.stops()),
        Paint::Pattern(_) => None,
    }
}

/// A path's segments as `m l c h`, each point mapped by `t`. Quadratic curves become cubic
/// ones (PDF has no quadratic curve).
fn segments(out: &mut String, path: &usvg::tiny_skia_path::Path, t: Transform) {
    let map = |p: usvg::tiny_skia_path::Point| {
        let mut p = p;
        t.map_point(&mut p);
        p
    };
    let mut current = usvg::tiny_skia_path::Point::zero();
    for segment in path.segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                current = p;
                let p = map(p);
                let _ = writeln!(out, "{} {} m", n(p.x), n(p.y));
            }
            PathSegment::LineTo(p) => {
                current = p;
                let p = map(p);
                let _ = writeln!(out, "{} {} l", n(p.x), n(p.y));
            }
            PathSegment::QuadTo(q, p) => {
                let c1 = usvg::tiny_skia_path::Point::from_xy(
                    current.x + 2.0 / 3.0 * (q.x - current.x),
                    current.y + 2.0 / 3.0 * (q.y - current.y),
                );
                let c2 = usvg::tiny_skia_path::Point::from_xy(
                    p.x + 2.0 / 3.0 * (q.x - p.x),
                    p.y + 2.0 / 3.0 * (q.y - p.y),
                );
                current = p;
                curve(out, map(c1), map(c2), map(p));
            }
            PathSegment::CubicTo(c1, c2, p) => {
                current = p;
                curve(out, map(c1), map(c2), map(p));
            }
            PathSegment::Close => out.push_str("h\n"),
        }
    }
}

fn curve(
    out: &mut String,
    c1: usvg::tiny_skia_path::Point,
    c2: usvg::tiny_skia_path::Point,
    p: usvg::tiny_skia_path::Point,
) {
    let _ = writeln!(
        out,
        "{} {} {} {} {} {} c",
        n(c1.x),
        n(c1.y),
        n(c2.x),
        n(c2.y),
        n(p.x),
        n(p.y)
    );
}

fn cm(out: &mut String, t: Transform) {
    let _ = writeln!(
        out,
        "{} {} {} {} {} {} cm",
        n(t.sx),
        n(t.ky),
        n(t.kx),
        n(t.sy),
        n(t.tx),
        n(t.ty)
    );
}

/// A number as PDF writes it: no exponent, at most six decimals (the unit square's scale is
/// 1/width, so coordinates need more than the usual three), trailing zeros dropped.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_shapes_with_their_colours_into_the_unit_square() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
            <rect x="0" y="0" width="100" height="100" fill="#000091"/>
            <circle cx="150" cy="50" r="40" fill="none" stroke="#e1000f" stroke-width="4"/>
        </svg>"##;
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("svg");
        let ops = String::from_utf8(unit_square_ops(&tree)).expect("ascii");
        assert!(ops.starts_with("0.005 0 0 -0.01 0 1 cm\n"), "{ops}");
        // #000091 filled, #e1000f stroked.
        assert!(ops.contains("0 0 0.568627 rg"), "{ops}");
        assert!(ops.contains("0.882353 0 0.058824 RG"), "{ops}");
        assert!(ops.contains("\nf\n") && ops.contains("\nS\n"), "{ops}");
        assert_eq!(ops.matches('q').count(), ops.matches('Q').count());
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.0), "0");
        assert_eq!(n(0.1234567), "0.123457");
        assert_eq!(n(f32::NAN), "0");
    }
}
