//! Layout: from content to positioned pages, independent of any output format.
//!
//! [`fonts`] holds the faces and their metrics, [`text`] shapes and breaks paragraphs into
//! lines, and [`page`] is the backend-neutral result: pages of absolutely positioned text runs,
//! boxes, lines, images and links, which the PDF writer (and tests, through snapshots) consume.
//! Slide and handout builders sit on top of these three: they measure paragraphs with
//! [`text::measure`], place them with [`text::TextBlock::to_items`], and add shapes and images
//! directly to a [`page::Page`].

pub mod blocks;
pub mod fit;
pub mod fonts;
pub mod handout;
pub mod marque;
pub mod metrics;
pub mod page;
pub mod slides;
pub mod text;
