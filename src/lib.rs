//! diapo turns a Markdown outline into presentation decks: one offline HTML file, and PDF slides and
//! handouts made natively. The pipeline, one module per stage:
//!
//! - [`input`]: what a build reads from disk (the deck, its includes, image paths confined);
//!   [`deck`]: parse — Markdown, front matter and directives → [`model`], reading no file;
//! - [`model`]: the deck as pure data, shared by every output; [`facts`]: what the outputs show
//!   that is computed from it (part numbers, slide names, durations, dates), computed once;
//! - [`fit`]: overflow handling — shrink or split crowded slides, the same for every output;
//!   [`highlight`]: code tokens, coloured alike in every output;
//! - [`render`]: outputs — [`render::html`] (handlebars templates of a [`theme`]), each taking
//!   one [`context::RenderCtx`];
//! - [`build`]: the whole run, with atomic writes; [`batch`]: one deck for every brand, in
//!   parallel; [`diagnostic`]: errors with `file:line:col`; [`limits`]: every limit on input;
//! - [`check`]: the linter (`diapo check`), whose warnings `diapo build` prints too, under the
//!   [`rules`] every stage names its findings by;
//!   [`starter`]: new decks from embedded templates (`diapo new`); [`serve`]: live preview.

pub mod assets;
pub mod batch;
pub mod build;
pub mod check;
pub mod cli;
pub mod color;
pub mod context;
pub mod deck;
pub mod diagnostic;
pub mod facts;
#[doc(hidden)]
pub mod fuzzing;
pub mod highlight;
pub mod i18n;
pub mod input;
pub mod layout;
pub mod limits;
pub mod model;
pub mod outputs;
pub mod render;
pub mod rules;
pub mod serve;
pub mod starter;
pub mod style;
pub mod theme;
