//! Every limit diapo puts on what it reads, in one place: file sizes, nesting depths, counts,
//! image pixels. A deck is text for one session; past these limits the input is a mistake or an
//! attack, and each limit keeps the cost of a build bounded (README, "Security and limits").
//! The stage that meets a limit reports it, with the value from here in its message.
//!
//! The live preview's network limits (connections, request heads, event streams) stay with the
//! server, in `crate::serve::conn` and `crate::serve::events`.

/// A size for messages: `50 MB`, `4.5 MB` (MB of 1024 × 1024 bytes, as file managers show them).
pub fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

// The deck's text.

/// Largest deck file read. A deck is text for one session (the sample deck is 10 kB): anything
/// larger is a mistake or an attack, and would cost minutes to lay out. A Slidev `src:` include
/// is held to the same size.
pub const MAX_DECK_BYTES: usize = 2 * 1024 * 1024;

/// Most characters of a one-line text: a heading, a front matter value, a directive's value. They
/// are repeated (a footer on every slide, a title on every "(suite)" slide and handout page), so
/// they are kept short.
pub const MAX_LINE_CHARS: usize = 500;

/// Most characters one paragraph, heading, list item, table or code block may hold. A slide shows
/// a few hundred words; a block a hundred times larger is a mistake (a file pasted whole), and
/// would cost seconds and hundreds of megabytes to lay out for nothing.
pub const MAX_BLOCK_CHARS: usize = 10_000;

/// Lists and quotes nested deeper than this are flattened into their parent.
pub const MAX_LIST_DEPTH: usize = 16;

/// Emphasis, strong, strike-through and links nested deeper than this are flattened into their
/// parent (their text stays, their style or address goes).
pub const MAX_INLINE_DEPTH: usize = 32;

/// How deep Slidev's `src:` includes may nest (an include in an included file…).
pub const MAX_INCLUDE_DEPTH: usize = 4;

/// Most slides a deck may make, "(suite)" slides included. A deck is shown in one session; past
/// this, the input is a mistake (a data file pasted as a list), and laying out and writing
/// thousands of pages would only cost time and memory.
pub const MAX_SLIDES: usize = 2_000;

// Template variables (`{{brand.…}}`).

/// Most template tags a deck may hold. A deck uses a brand's variables a few dozen times; the
/// template engine's cost grows with the square of the number of tags (it finds each tag's line
/// from the start of the template), so thousands of tags would take minutes.
pub const MAX_TAGS: usize = 1_000;

/// Blocks (`{{#if}}`, `{{#each}}`, …) nested deeper than this are refused: a deck needs two or
/// three, and each level of `{{#each}}` multiplies what it holds.
pub const MAX_BLOCK_DEPTH: usize = 8;

/// Most bytes the deck's text may grow to once its variables are expanded, and most bytes the
/// template engine may write on the way. Tags are few ([`MAX_TAGS`]), but blocks repeat what
/// they hold: 22 tags of `{{#each @root.brand}}` nested in `{{#with}}` would repeat their
/// content 7^9 times (a minute, gigabytes). The engine stops as soon as it has written this
/// much, so the cost of any template is bounded by it.
pub const MAX_EXPANDED_BYTES: usize = 2 * MAX_DECK_BYTES;

// Images.

/// Largest image file read.
pub const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;

/// Largest width or height accepted from an image header, before any decoding.
pub const MAX_IMAGE_SIDE: u32 = 12_000;

/// Images are downscaled to fit this box: a full-HD slide never needs more.
pub const DOWNSCALE_WIDTH: u32 = 1920;
/// See [`DOWNSCALE_WIDTH`].
pub const DOWNSCALE_HEIGHT: u32 = 1080;

/// Most memory a decoder may allocate for one image.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// Most memory the deck's images may hold once loaded (pixels and encoded bytes): about thirty
/// full-HD images, many more at the sizes slides use.
pub const MAX_TOTAL_IMAGE_BYTES: usize = 512 * 1024 * 1024;

/// Images of at most this many pixels are decoded whatever their file size: a full-HD image twice
/// over, 16 MB once decoded. Larger ones must be backed by enough bytes
/// (`crate::assets::max_pixels_per_byte`).
pub const UNCHECKED_PIXELS: u64 = 2 * 1920 * 1080;

/// Largest SVG file read: a drawing, not a data set; parsing costs memory per element.
pub const MAX_SVG_BYTES: usize = 4 * 1024 * 1024;

/// Most elements an SVG may expand to once every `<use>` is followed (a `<use>` of a group of
/// `<use>`s multiplies: ten levels of ten is ten billion).
pub const MAX_SVG_ELEMENTS: u64 = 100_000;

/// Deepest nesting of an SVG's elements (and of `<use>` chains) accepted; usvg walks the tree
/// recursively.
pub const MAX_SVG_DEPTH: usize = 256;

/// Most XML nodes (elements, text, attributes' entities expanded) read from an SVG.
pub const MAX_SVG_NODES: u32 = 1_000_000;

// Themes and brands.

/// Largest theme or brand text file read (TOML, CSS, templates).
pub const MAX_THEME_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Largest brand logo file read.
pub const MAX_LOGO_BYTES: u64 = 8 * 1024 * 1024;

/// Largest brand font file read.
pub const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// A logo is shown at most a few hundred pixels wide: larger files are scaled down to this box.
pub const LOGO_MAX_WIDTH: u32 = 800;
/// See [`LOGO_MAX_WIDTH`].
pub const LOGO_MAX_HEIGHT: u32 = 400;

// Messages.

/// Longest source line printed whole under a diagnostic; a longer one (a file pasted on one line)
/// is cut around the caret, with `…` where text was left out.
pub const MAX_SHOWN_CHARS: usize = 160;
