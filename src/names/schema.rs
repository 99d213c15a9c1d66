//! The serde schema of the people registry's tables in a rule-set file
//! (`[[person]]`, `[[person.tenure]]`, `[[title]]`). The rule-set parser
//! reads them as part of the file; [`super::registry`] validates and
//! indexes them.

use serde::Deserialize;
use toml::Spanned;

/// One `[[person]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PersonDecl {
    pub name: Spanned<String>,
    /// Other written forms of the name that are right.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub tenure: Vec<Spanned<TenureDecl>>,
}

/// One `[[person.tenure]]` table: a title held over a period.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TenureDecl {
    pub title: Spanned<String>,
    /// First day in office (YYYY-MM-DD); absent = held since before any document.
    pub since: Option<Spanned<String>>,
    /// The day the tenure ended, usually the successor's first day (exclusive);
    /// absent = still held.
    pub until: Option<Spanned<String>>,
    /// The public record of the appointment.
    pub source: Option<String>,
    pub note: Option<String>,
}

/// One `[[title]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TitleDecl {
    /// The title as tenures name it, e.g. `全国人大常委会委员长`.
    pub name: Spanned<String>,
    /// Other full forms, e.g. `全国人民代表大会常务委员会委员长`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Short forms used right after a name (`李强总理`): `总理`.
    #[serde(default)]
    pub short: Vec<String>,
    /// Qualifiers naming the institution whose title this is (`西京大学`, `学校`, `校`).
    #[serde(default)]
    pub org: Vec<String>,
}
