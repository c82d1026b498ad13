//! SVG images: parsed into a drawing (usvg) that the PDF draws as vectors, and written back out
//! for the HTML from that drawing alone. What usvg keeps is shapes, groups, gradients, clips and
//! masks: scripts, event handlers, `foreignObject`, links and styles are not part of its model,
//! so the SVG the HTML gets cannot hold them. Nothing an SVG names is ever read: no file beside
//! it, no image inside it, no address on the web (their resolvers answer nothing).
//!
//! Parsing is bounded before usvg sees the file: its size, its nesting, and how many elements it
//! expands to once every `<use>` is followed.

use super::LoadedImage;
use crate::limits::{
    MAX_IMAGE_SIDE, MAX_SVG_BYTES, MAX_SVG_DEPTH, MAX_SVG_ELEMENTS, MAX_SVG_NODES,
};
use std::collections::HashMap;
use std::sync::Arc;

pub fn decode(bytes: &[u8]) -> Result<LoadedImage, String> {
    let text = inflate(bytes)?;
    check_expansion(&text)?;
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(&text, &options)
        .map_err(|e| format!("the SVG image cannot be read: {e}"))?;
    let size = tree.size();
    let (w, h) = (size.width().ceil(), size.height().ceil());
    if !(w >= 1.0 && h >= 1.0) {
        return Err("the SVG image has no size".into());
    }
    // An SVG's size is what it asks for; a huge one is only drawn smaller.
    let (w, h) = (w.min(MAX_IMAGE_SIDE as f32), h.min(MAX_IMAGE_SIDE as f32));
    let encoded = tree.to_string(&usvg::WriteOptions::default()).into_bytes();
    Ok(LoadedImage {
        width: w as u32,
        height: h as u32,
        rgba: Vec::new(),
        has_alpha: true,
        encoded,
        mime: "image/svg+xml",
        source_width: w as u32,
        source_height: h as u32,
        source_bytes: bytes.len() as u64,
        jpeg_components: 0,
        vector: Some(Arc::new(tree)),
    })
}

/// The SVG's text: as it is, or un-gzipped (`.svgz`), at most [`MAX_SVG_BYTES`] either way.
fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let too_large = || {
        format!(
            "the SVG image is larger than the {} allowed",
            super::megabytes(MAX_SVG_BYTES as u64)
        )
    };
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_SVG_BYTES as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|_| "the compressed SVG image is damaged".to_string())?;
        if out.len() > MAX_SVG_BYTES {
            return Err(too_large());
        }
        return Ok(out);
    }
    if bytes.len() > MAX_SVG_BYTES {
        return Err(too_large());
    }
    Ok(bytes.to_vec())
}

/// Refuses an SVG nested deeper than [`MAX_SVG_DEPTH`] or expanding to more than
/// [`MAX_SVG_ELEMENTS`] elements once each `<use>` is replaced by what it names.
fn check_expansion(text: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(text).map_err(|_| "the SVG image is not UTF-8 text")?;
    // A DTD is allowed (drawing programs write one); its entities count towards the nodes, and
    // the node limit stops a file that would expand beyond them.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_SVG_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => {
            format!("the SVG image has more than {MAX_SVG_NODES} nodes")
        }
        e => format!("the SVG image cannot be read: {e}"),
    })?;
    let ids: HashMap<&str, roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter_map(|n| n.attribute("id").map(|id| (id, n)))
        .collect();
    let mut known = HashMap::new();
    let mut open = Vec::new();
    let total = weight(doc.root_element(), &ids, &mut known, &mut open)?;
    if total > MAX_SVG_ELEMENTS {
        return Err(format!(
            "the SVG image expands to more than {MAX_SVG_ELEMENTS} elements"
        ));
    }
    Ok(())
}

/// Elements under `node`, itself included, with each `<use>` counted as what it names. Memoised
/// per element, so a shared definition is counted once per use, not walked again.
fn weight<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ids: &HashMap<&'a str, roxmltree::Node<'a, 'i>>,
    known: &mut HashMap<roxmltree::NodeId, u64>,
    open: &mut Vec<roxmltree::NodeId>,
) -> Result<u64, String> {
    if let Some(&w) = known.get(&node.id()) {
        return Ok(w);
    }
    if open.contains(&node.id()) {
        // A `<use>` of its own ancestor: usvg leaves it out.
        return Ok(0);
    }
    if open.len() >= MAX_SVG_DEPTH {
        return Err(format!(
            "the SVG image is nested more than {MAX_SVG_DEPTH} levels deep"
        ));
    }
    open.push(node.id());
    let mut total: u64 = 1;
    for child in node.children().filter(roxmltree::Node::is_element) {
        total = total.saturating_add(weight(child, ids, known, open)?);
        if total > MAX_SVG_ELEMENTS {
            break;
        }
    }
    if node.tag_name().name() == "use" {
        let href = node
            .attribute("href")
            .or_else(|| node.attribute(("http://www.w3.org/1999/xlink", "href")));
        if let Some(target) = href
            .and_then(|h| h.strip_prefix('#'))
            .and_then(|id| ids.get(id))
        {
            total = total.saturating_add(weight(*target, ids, known, open)?);
        }
    }
    open.pop();
    known.insert(node.id(), total);
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" viewBox="0 0 120 60" onload="alert(1)">
<script>alert(2)</script>
<style>@import url(http://example.org/x.css);</style>
<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
<image href="http://example.org/track.png" width="10" height="10"/>
<image xlink:href="/etc/passwd" width="10" height="10"/>
<a href="javascript:alert(3)"><rect x="0" y="0" width="60" height="60" fill="#000091" onclick="alert(4)"/></a>
<circle cx="90" cy="30" r="20" fill="#e1000f"/>
</svg>"##;

    #[test]
    fn keeps_the_drawing_and_nothing_that_runs_or_loads() {
        let img = decode(HOSTILE.as_bytes()).expect("a drawing");
        assert_eq!((img.width, img.height), (120, 60));
        let out = String::from_utf8(img.encoded).expect("UTF-8");
        let lower = out.to_ascii_lowercase();
        for banned in [
            "<script",
            "onload",
            "onclick",
            "foreignobject",
            "javascript:",
            "http://example.org",
            "/etc/passwd",
            "@import",
            "<image",
        ] {
            assert!(!lower.contains(banned), "`{banned}` in {out}");
        }
        // The shapes are still there: the rectangle and the circle as paths with their colours.
        assert!(lower.contains("#000091"), "{out}");
        assert!(lower.contains("#e1000f"), "{out}");
    }

    #[test]
    fn a_use_bomb_is_refused_before_usvg_expands_it() {
        let mut svg = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><defs><rect id="l0" width="1" height="1"/>"#,
        );
        for level in 1..10 {
            svg.push_str(&format!("<g id=\"l{level}\">"));
            for _ in 0..10 {
                svg.push_str(&format!("<use xlink:href=\"#l{}\"/>", level - 1));
            }
            svg.push_str("</g>");
        }
        svg.push_str("</defs><use xlink:href=\"#l9\"/></svg>");
        let err = decode(svg.as_bytes()).expect_err("refused");
        assert!(err.contains("more than 100000 elements"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">{}{}</svg>",
            "<g>".repeat(300),
            "</g>".repeat(300)
        );
        let err = decode(svg.as_bytes()).expect_err("refused");
        assert!(err.contains("nested more than 256"), "{err}");
    }
}
