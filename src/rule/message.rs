//! Message templates: a rule's TOML `message` names placeholders
//! (`“{found}”应为“{expected}”`) that its code fills for each finding.
//!
//! One filler for every rule, native or data-driven, in one pass over the
//! template. A placeholder the code does not fill stays as written, and the
//! inline-example runner ([`crate::engine::examples`]) reports it, so a
//! misspelt placeholder in a rule set fails its own examples.

/// Fill `{key}` placeholders of a message template; unknown ones stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_known_keys_only() {
        assert_eq!(
            fill(
                "“{match}”应为“{replacement}”{x}",
                &[("match", "a"), ("replacement", "b")]
            ),
            "“a”应为“b”{x}"
        );
        assert_eq!(fill("no { close", &[]), "no { close");
    }
}
