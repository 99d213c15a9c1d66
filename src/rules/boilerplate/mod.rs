//! The boilerplate family: what scraping and reposting leave in a text —
//! site chrome, duplicated or glued metadata labels, image file names,
//! whitespace debris, the title repeated in the body, repeated sentences.
//!
//! The corpus-wide pass (lines that recur across many documents of one site)
//! lives in [`crate::corpus`]; it needs every document of a group first.

#[path = "_layout.rs"]
pub mod layout;
#[path = "_text.rs"]
pub mod text;

pub mod duplicated_label;
pub mod glued_label;
pub mod image_filename;
pub mod indent_debris;
pub mod nbsp_line;
pub mod repeated_phrase;
pub mod repeated_sentence;
pub mod repeated_title;
pub mod site_chrome;
