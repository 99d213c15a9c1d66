//! Small helpers shared by native rules: character classes and parameter reading.

/// A Han character (CJK unified ideographs and extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Full-width (CJK) punctuation: 、。，；：？！“”‘’《》〈〉（）【】〔〕…—·～ and friends.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '（'
            | '）'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '〖'
            | '〗'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '～'
            | '·'
            | '・'
            | '〃'
    )
}

/// Han or full-width punctuation: the "Chinese context" of a mark.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Read an optional string parameter.
pub fn param_str<'a>(params: &'a toml::Table, key: &str) -> Result<Option<&'a str>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "参数 `{key}` 应为字符串，实际为 {}",
            other.type_str()
        )),
    }
}

/// Read an optional boolean parameter.
pub fn param_bool(params: &toml::Table, key: &str) -> Result<Option<bool>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::Boolean(b)) => Ok(Some(*b)),
        Some(other) => Err(format!(
            "参数 `{key}` 应为布尔值，实际为 {}",
            other.type_str()
        )),
    }
}

/// Read an optional list-of-strings parameter.
pub fn param_strings(params: &toml::Table, key: &str) -> Result<Option<Vec<String>>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("参数 `{key}` 应为字符串数组"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(other) => Err(format!(
            "参数 `{key}` 应为字符串数组，实际为 {}",
            other.type_str()
        )),
    }
}

/// Reject parameters the rule does not know (typos in config must not pass silently).
pub fn deny_unknown_params(params: &toml::Table, known: &[&str]) -> Result<(), String> {
    match params.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "未知参数 `{k}`（可用参数：{}）",
            if known.is_empty() {
                "无".to_string()
            } else {
                known.join("、")
            }
        )),
        None => Ok(()),
    }
}
