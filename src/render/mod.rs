//! Outputs: the HTML deck, and the PDF writer (the only module that imports printpdf).

pub mod html;
pub mod pdf;
pub mod pdf_svg;
