pub mod layout;
pub mod render;
