//! Reading a rule's `params` table from its TOML declaration.
//!
//! Messages are Chinese: they reach the user as rule-set load errors.

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

/// Read an optional string parameter restricted to `allowed` values.
pub fn param_choice<'a>(
    params: &'a toml::Table,
    key: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, String> {
    match param_str(params, key)? {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v)),
        Some(v) => Err(format!(
            "参数 `{key}` 的值 `{v}` 无效（可选：{}）",
            allowed.join("、")
        )),
    }
}

/// Read an optional non-negative integer parameter.
pub fn param_usize(params: &toml::Table, key: &str) -> Result<Option<usize>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::Integer(i)) if *i >= 0 => Ok(Some(*i as usize)),
        Some(other) => Err(format!("参数 `{key}` 应为非负整数，实际为 {other}")),
    }
}

/// Read an optional list-of-strings parameter, empty when absent.
pub fn param_list(params: &toml::Table, key: &str) -> Result<Vec<String>, String> {
    Ok(param_strings(params, key)?.unwrap_or_default())
}
