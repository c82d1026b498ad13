//! Outputs: the HTML deck, the PDF writer (the only module that imports printpdf), and the
//! editable decks (ODP, PPTX) built from the same model and page layout as the PDF.

pub mod html;
pub mod odp;
pub mod office;
pub mod pdf;
pub mod pdf_content;
pub mod pdf_file;
pub mod pdf_svg;
pub mod pptx;
