//! The boilerplate family: what scraping and reposting leave in a text —
//! site chrome, duplicated or glued metadata labels, image file names,
//! whitespace debris, the title repeated in the body, repeated sentences.
//!
//! The corpus-wide pass (lines that recur across many documents of one site)
//! lives in [`crate::corpus`]; it needs every document of a group first.

pub mod helpers;

pub mod corpus_repeated;
pub mod duplicated_label;
pub mod glued_label;
pub mod image_filename;
pub mod indent_debris;
pub mod inline_widget;
pub mod nbsp_line;
pub mod near_duplicate;
pub mod repeated_phrase;
pub mod repeated_sentence;
pub mod repeated_title;
pub mod site_chrome;

/// The boilerplate rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
    ("boilerplate/site-chrome", site_chrome::build),
    ("boilerplate/duplicated-label", duplicated_label::build),
    ("boilerplate/glued-label", glued_label::build),
    ("boilerplate/inline-widget", inline_widget::build),
    ("boilerplate/image-filename", image_filename::build),
    ("boilerplate/nbsp-line", nbsp_line::build),
    ("boilerplate/indent-debris", indent_debris::build),
    ("boilerplate/repeated-title", repeated_title::build),
    ("boilerplate/repeated-sentence", repeated_sentence::build),
    ("boilerplate/repeated-phrase", repeated_phrase::build),
    ("boilerplate/corpus-repeated", corpus_repeated::build),
    ("boilerplate/near-duplicate", near_duplicate::build),
];
