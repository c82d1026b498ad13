//! The bundled, open-licensed fonts (see `fonts/`), compiled into the binary so that every output
//! is self-contained: Source Sans 3, Source Serif 4 and DejaVu Sans Mono.

use crate::theme::FontFamily;

pub struct Face {
    pub family: FontFamily,
    pub weight: u16,
    pub italic: bool,
    pub data: &'static [u8],
}

macro_rules! face {
    ($family:ident, $weight:literal, $italic:literal, $file:literal) => {
        Face {
            family: FontFamily::$family,
            weight: $weight,
            italic: $italic,
            data: include_bytes!(concat!("../fonts/", $file)),
        }
    };
}

pub static FONT_FACES: &[Face] = &[
    face!(Sans, 400, false, "source-sans-3/SourceSans3-Regular.ttf"),
    face!(Sans, 400, true, "source-sans-3/SourceSans3-It.ttf"),
    face!(Sans, 600, false, "source-sans-3/SourceSans3-Semibold.ttf"),
    face!(Sans, 700, false, "source-sans-3/SourceSans3-Bold.ttf"),
    face!(Sans, 700, true, "source-sans-3/SourceSans3-BoldIt.ttf"),
    face!(Serif, 400, false, "source-serif-4/SourceSerif4-Regular.ttf"),
    face!(Serif, 400, true, "source-serif-4/SourceSerif4-It.ttf"),
    face!(
        Serif,
        600,
        false,
        "source-serif-4/SourceSerif4-Semibold.ttf"
    ),
    face!(Serif, 700, false, "source-serif-4/SourceSerif4-Bold.ttf"),
    face!(Mono, 400, false, "dejavu-sans-mono/DejaVuSansMono.ttf"),
    face!(Mono, 700, false, "dejavu-sans-mono/DejaVuSansMono-Bold.ttf"),
];
