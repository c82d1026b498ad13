use super::*;

fn style(size: f32) -> TextStyle {
    TextStyle {
        size,
        ..TextStyle::default()
    }
}

fn lay(text: &str, size: f32, width: f32) -> TextBlock {
    layout(
        &FontBook::new(),
        &[Span::new(text, style(size))],
        &TextOptions::new(width),
    )
}

/// The text drawn on each line, from the glyphs' source text.
fn line_texts(block: &TextBlock) -> Vec<String> {
    block
        .lines
        .iter()
        .map(|line| {
            line.runs
                .iter()
                .flat_map(|r| r.run.glyphs.iter().map(|g| r.run.glyph_text(g).to_string()))
                .collect()
        })
        .collect()
}

fn assert_fits(block: &TextBlock, width: f32) {
    for (i, line) in block.lines.iter().enumerate() {
        let right = line.runs.last().map_or(0.0, |r| r.x + r.width);
        assert!(
            line.width <= width + 1e-3 && right <= width + 1e-3,
            "line {i} is {} wide in a {width} box: {:?}",
            line.width,
            line_texts(block)[i]
        );
    }
}

const PARAGRAPH: &str = "La sensibilisation à la sécurité numérique s’adresse à tous les agents : \
    chacun est un maillon de la chaîne. « Ne cliquez pas\u{202F}! » n’est pas une politique ; \
    il faut comprendre les menaces — hameçonnage, rançongiciels, fuites de données…";

#[test]
fn lines_wrap_within_the_width() {
    for width in [60.0, 90.0, 150.0, 240.0, 400.0] {
        let block = lay(PARAGRAPH, 14.0, width);
        assert!(block.lines.len() > 1, "{width}");
        assert_fits(&block, width);
        // Nothing lost or duplicated: only the spaces at line ends disappear (and hyphens
        // may appear).
        let joined: String = line_texts(&block).concat().replace('-', "");
        let squeezed: String = PARAGRAPH.chars().filter(|c| *c != ' ').collect();
        assert_eq!(
            joined.replace(' ', ""),
            squeezed.replace('-', ""),
            "{width}"
        );
    }
}

#[test]
fn wider_boxes_need_fewer_lines() {
    let fonts = FontBook::new();
    let spans = [Span::new(PARAGRAPH, style(14.0))];
    let narrow = measure(&fonts, &spans, &TextOptions::new(150.0));
    let wide = measure(&fonts, &spans, &TextOptions::new(400.0));
    assert!(narrow > wide);
    assert_eq!(narrow, lay(PARAGRAPH, 14.0, 150.0).height);
    // Line height 1.2 × 14 pt per line.
    let block = lay(PARAGRAPH, 14.0, 400.0);
    assert!((block.height - block.lines.len() as f32 * 16.8).abs() < 1e-3);
}

#[test]
fn kerning_changes_the_advance_of_av() {
    let natural = |t: &str| lay(t, 40.0, f32::INFINITY).width;
    // Source Sans 3 kerns A–V by 14 units per em (0.56 pt at 40 pt), T–o by 66.
    let av = natural("A") + natural("V") - natural("AV");
    assert!((av - 0.56).abs() < 0.01, "{av}");
    let to = natural("T") + natural("o") - natural("To");
    assert!((to - 2.64).abs() < 0.01, "{to}");
}

#[test]
fn french_hyphenation_for_a_word_wider_than_the_box() {
    let block = lay("anticonstitutionnellement", 24.0, 110.0);
    let lines = line_texts(&block);
    assert!(lines.len() >= 2, "{lines:?}");
    assert_fits(&block, 110.0);
    for line in &lines[..lines.len() - 1] {
        assert!(line.ends_with('-'), "{lines:?}");
    }
    assert_eq!(lines.concat().replace('-', ""), "anticonstitutionnellement");
    // Cut at pattern points, not anywhere: "anti-" is a French syllable break.
    assert!(lines[0].len() > 3);
}

#[test]
fn words_that_fit_are_not_hyphenated() {
    let block = lay("les constitutions nationales", 24.0, 140.0);
    assert!(line_texts(&block).iter().all(|l| !l.ends_with('-')));
}

#[test]
fn unbreakable_token_is_cut_between_characters() {
    let token = "x".repeat(80);
    let block = lay(&token, 12.0, 50.0);
    assert!(block.lines.len() > 5);
    assert_fits(&block, 50.0);
    assert_eq!(line_texts(&block).concat(), token);
}

#[test]
fn narrow_no_break_space_never_starts_a_line() {
    let text = "Vraiment\u{202F}? Oui\u{202F}! « Bien\u{A0}sûr\u{202F}» dit-il\u{202F}; \
        puis\u{A0}: « non ». "
        .repeat(6);
    for width in (30..300).step_by(7) {
        let block = lay(&text, 13.0, width as f32);
        assert_fits(&block, width as f32);
        for line in line_texts(&block) {
            assert!(
                !line.starts_with(['\u{202F}', '\u{A0}']),
                "width {width}: {line:?}"
            );
        }
    }
}

#[test]
fn hard_breaks_are_honoured() {
    let block = lay("un\ndeux\n\ntrois\n", 12.0, 500.0);
    assert_eq!(line_texts(&block), ["un", "deux", "", "trois"]);
    // The empty line still takes a line of height.
    assert!((block.height - 4.0 * 14.4).abs() < 1e-3);
    assert!(lay("", 12.0, 500.0).lines.is_empty());
}

#[test]
fn alignment_moves_lines() {
    let fonts = FontBook::new();
    let spans = [Span::new("court", style(20.0))];
    let mut opts = TextOptions::new(300.0);
    opts.align = Align::Right;
    let right = layout(&fonts, &spans, &opts);
    let line = &right.lines[0];
    assert!((line.runs[0].x + line.width - 300.0).abs() < 1e-3);
    opts.align = Align::Centre;
    let centre = layout(&fonts, &spans, &opts);
    assert!((centre.lines[0].runs[0].x - (300.0 - line.width) / 2.0).abs() < 1e-3);
}

#[test]
fn styles_and_links_make_runs_and_rectangles() {
    let fonts = FontBook::new();
    let bold = TextStyle {
        weight: Weight::Bold,
        ..style(16.0)
    };
    let link = TextStyle {
        link: Some("https://cyber.gouv.fr".into()),
        colour: Rgb::new(0, 0, 0x91),
        ..style(16.0)
    };
    let spans = [
        Span::new("Voir ", style(16.0)),
        Span::new("le site", link),
        Span::new(" de l’", style(16.0)),
        Span::new("ANSSI", bold),
    ];
    let block = layout(&fonts, &spans, &TextOptions::new(500.0));
    assert_eq!(block.lines.len(), 1);
    let runs = &block.lines[0].runs;
    assert_eq!(runs.len(), 4);
    assert_eq!(runs[1].run.colour, Rgb::new(0, 0, 0x91));
    assert_ne!(runs[3].run.font, runs[0].run.font);
    assert_eq!(block.links.len(), 1);
    let rect = &block.links[0];
    assert!((rect.x - runs[1].x).abs() < 1e-3 && (rect.width - runs[1].width).abs() < 1e-3);

    let items = block.to_items(Point::new(10.0, 20.0));
    assert_eq!(items.len(), 5);
    assert!(matches!(items[4].item, Item::Link(_)));
    assert!((items[0].pos.y - 20.0 - block.lines[0].baseline).abs() < 1e-3);
}

#[test]
fn same_style_spans_merge_into_one_run() {
    let fonts = FontBook::new();
    let spans = [
        Span::new("un ", style(16.0)),
        Span::new("deux", style(16.0)),
    ];
    let block = layout(&fonts, &spans, &TextOptions::new(500.0));
    assert_eq!(block.lines[0].runs.len(), 1);
    assert_eq!(block.lines[0].runs[0].run.text, "un deux");
}

#[test]
fn missing_glyphs_are_reported() {
    let block = lay("Chinese: 中", 12.0, 500.0);
    assert_eq!(block.missing, ['中']);
}

#[test]
fn odd_input_never_panics() {
    let fonts = FontBook::new();
    let texts = [
        "",
        "\n",
        "\n\n\n",
        " ",
        "   lead and trail   ",
        "\u{AD}\u{AD}",
        "e\u{301}te\u{301} cre\u{300}me bru\u{302}le\u{301}e",
        "emoji 👩‍💻 and ZWJ\u{200D}ZWNJ\u{200C} and \u{200B}zero\u{200B}width",
        "עברית و العربية mixed with Latin",
        "tab\tcol\u{7}bell\r\ncrlf\u{2028}ls",
        "\u{202F}\u{202F}\u{A0}\u{A0}",
        "W",
        "anticonstitutionnellement\u{202F}!",
        "ﬁnal oﬀice ﬄ",
    ];
    for text in texts {
        for width in [f32::NAN, -5.0, 0.0, 0.5, 8.0, 33.0, 1000.0, f32::INFINITY] {
            for size in [f32::NAN, 0.0, 1.0, 24.0, 300.0] {
                let spans = [
                    Span::new(text, style(size)),
                    Span::new(
                        text,
                        TextStyle {
                            family: Family::Mono,
                            italic: true,
                            ..style(12.0)
                        },
                    ),
                ];
                for lang in [Lang::Fr, Lang::En] {
                    let opts = TextOptions {
                        lang,
                        align: Align::Centre,
                        ..TextOptions::new(width)
                    };
                    let block = layout(&fonts, &spans, &opts);
                    assert!(block.height.is_finite() && block.height >= 0.0);
                }
            }
        }
    }
}
