//! Placeholder reader: treats the file as plain text until the real html reader lands.

use super::ProseView;

pub(crate) fn read(source: &str) -> ProseView {
    super::plain::read(source)
}
