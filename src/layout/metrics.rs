//! The slide's typographic metrics: sizes and spacings relative to the body size (in its `em`),
//! kept here once. The layout stacks blocks with them (slides PDF, fitting, handouts), and the
//! HTML receives them as CSS custom properties (`--diapo-m-*`, see [`css`]), which the theme's
//! stylesheet uses instead of numbers of its own: a change here moves both outputs.

/// Space after a paragraph.
pub const PARAGRAPH_AFTER: f32 = 0.55;
/// A sub-heading's size, its line height and the space after it (in body `em`).
pub const HEADING_SIZE: f32 = 1.1;
pub const HEADING_LINE_HEIGHT: f32 = 1.2;
pub const HEADING_AFTER: f32 = 0.3;
/// How far list items are indented from their column.
pub const LIST_INDENT: f32 = 1.3;
/// Space after a list, between two items, and above a nested list.
pub const LIST_AFTER: f32 = 0.5;
pub const ITEM_GAP: f32 = 0.35;
pub const NESTED_GAP: f32 = 0.3;
/// How much smaller each level of nested list is.
pub const NESTED_SCALE: f32 = 0.86;
/// Space after a quote, a code block, a table or an image.
pub const BLOCK_AFTER: f32 = 0.6;
/// A quote's bar (slide pixels) and the gap between the bar and the text.
pub const QUOTE_BAR: f32 = 6.0;
pub const QUOTE_GAP: f32 = 0.9;
/// Code: its size, line height, padding (in code `em`) and bar (slide pixels).
pub const CODE_SIZE: f32 = 0.7;
pub const CODE_LINE_HEIGHT: f32 = 1.3;
pub const CODE_PAD: f32 = 0.8;
pub const CODE_BAR: f32 = 6.0;
/// Code inside a sentence.
pub const INLINE_CODE_SIZE: f32 = 0.85;
/// Tables: size, and cell padding in table `em`.
pub const TABLE_SIZE: f32 = 0.8;
pub const TABLE_PAD_X: f32 = 0.7;
pub const TABLE_PAD_Y: f32 = 0.3;
/// The slide title: line height, space under it (in title `em`), the "(suite)" label's size.
pub const TITLE_LINE_HEIGHT: f32 = 1.15;
pub const TITLE_AFTER: f32 = 0.7;
pub const CONTINUED: f32 = 0.6;

// Layouts (in body `em` unless said): what sets the width text is laid out in, and so where
// its lines break, in both outputs.
/// Agenda: the number's box width (in its own size), its size, the gap to the entry, between
/// entries.
pub const AGENDA_NUMBER: f32 = 1.5;
pub const AGENDA_NUMBER_SIZE: f32 = 0.85;
pub const AGENDA_GAP: f32 = 0.7;
pub const AGENDA_ITEM_GAP: f32 = 0.45;
/// Objectives: the numbered disc (in its own size), its size, the items' indent and gap.
pub const DISC: f32 = 1.5;
pub const DISC_SIZE: f32 = 0.85;
pub const OBJECTIVE_INDENT: f32 = 2.2;
pub const OBJECTIVE_GAP: f32 = 0.6;
/// Comparison cards: padding across and down, the rule on top (slide pixels), the space
/// under the card's title.
pub const CARD_PAD_X: f32 = 0.9;
pub const CARD_PAD_Y: f32 = 0.6;
pub const CARD_RULE: f32 = 8.0;
pub const CARD_TITLE_GAP: f32 = 0.5;
/// Poll: the letter's square, the padding and gap around it, the space between options
/// (slide pixels).
pub const POLL_LETTER: f32 = 1.6;
pub const POLL_PAD: f32 = 0.7;
pub const POLL_GAP: f32 = 16.0;
/// The accent bar beside a definition or a key figure's caption (slide pixels), the text's
/// indent from it, and those texts' size.
pub const ACCENT_BAR: f32 = 8.0;
pub const DEFINITION_INDENT: f32 = 0.8;
pub const DEFINITION_SIZE: f32 = 1.1;
pub const CAPTION_SIZE: f32 = 1.1;
/// A testimony's quote size.
pub const QUOTE_SIZE: f32 = 1.15;

/// The metrics as CSS custom properties (numbers; the stylesheet multiplies them by `1em` or
/// `1px`), to go inside the theme's `:root` rule.
pub fn css() -> String {
    let mut out = String::new();
    for (name, value) in [
        ("paragraph-after", PARAGRAPH_AFTER),
        ("heading-size", HEADING_SIZE),
        ("heading-line-height", HEADING_LINE_HEIGHT),
        ("heading-after", HEADING_AFTER),
        ("list-indent", LIST_INDENT),
        ("list-after", LIST_AFTER),
        ("item-gap", ITEM_GAP),
        ("nested-gap", NESTED_GAP),
        ("nested-scale", NESTED_SCALE),
        ("block-after", BLOCK_AFTER),
        ("quote-bar", QUOTE_BAR),
        ("quote-gap", QUOTE_GAP),
        ("code-size", CODE_SIZE),
        ("code-line-height", CODE_LINE_HEIGHT),
        ("code-pad", CODE_PAD),
        ("code-bar", CODE_BAR),
        ("inline-code-size", INLINE_CODE_SIZE),
        ("table-size", TABLE_SIZE),
        ("table-pad-x", TABLE_PAD_X),
        ("table-pad-y", TABLE_PAD_Y),
        ("title-line-height", TITLE_LINE_HEIGHT),
        ("title-after", TITLE_AFTER),
        ("continued", CONTINUED),
        ("agenda-number", AGENDA_NUMBER),
        ("agenda-number-size", AGENDA_NUMBER_SIZE),
        ("agenda-gap", AGENDA_GAP),
        ("agenda-item-gap", AGENDA_ITEM_GAP),
        ("disc", DISC),
        ("disc-size", DISC_SIZE),
        ("objective-indent", OBJECTIVE_INDENT),
        ("objective-gap", OBJECTIVE_GAP),
        ("card-pad-x", CARD_PAD_X),
        ("card-pad-y", CARD_PAD_Y),
        ("card-rule", CARD_RULE),
        ("card-title-gap", CARD_TITLE_GAP),
        ("poll-letter", POLL_LETTER),
        ("poll-pad", POLL_PAD),
        ("poll-gap", POLL_GAP),
        ("accent-bar", ACCENT_BAR),
        ("definition-indent", DEFINITION_INDENT),
        ("definition-size", DEFINITION_SIZE),
        ("caption-size", CAPTION_SIZE),
        ("quote-size", QUOTE_SIZE),
    ] {
        out.push_str(&format!("  --diapo-m-{name}: {value};\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    /// Every metric the stylesheet uses is one this module emits, and every one emitted is
    /// used: the CSS keeps no spacing of its own, and no metric is left unapplied.
    #[test]
    fn the_stylesheet_uses_exactly_the_metrics() {
        let css = super::css();
        let emitted: std::collections::BTreeSet<&str> = css
            .lines()
            .filter_map(|l| l.trim().strip_prefix("--diapo-m-"))
            .filter_map(|l| l.split(':').next())
            .collect();
        let sheet = include_str!("../../themes/etat/style.css");
        let used: std::collections::BTreeSet<&str> = sheet
            .match_indices("var(--diapo-m-")
            .map(|(i, m)| {
                let rest = &sheet[i + m.len()..];
                &rest[..rest.find(')').unwrap_or(rest.len())]
            })
            .collect();
        assert_eq!(emitted, used);
    }
}
