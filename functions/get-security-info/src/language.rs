//! The language of `message`: `x-authing-lang` (what Authing's SDKs send), then
//! `Accept-Language`, then Authing's own default, Simplified Chinese.

use lambda_glue::request::header;
use lambda_http::Request;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    ZhCn,
    EnUs,
}

impl Language {
    pub const DEFAULT: Self = Self::ZhCn;

    fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Self::ZhCn),
            "en" => Some(Self::EnUs),
            _ => None,
        }
    }
}

/// The language the client asked for.
pub fn negotiate(request: &Request) -> Language {
    header(request, "x-authing-lang")
        .and_then(Language::from_tag)
        .or_else(|| header(request, "accept-language").and_then(from_accept_language))
        .unwrap_or(Language::DEFAULT)
}

/// The supported language with the highest `q` (the first one on a tie).
fn from_accept_language(value: &str) -> Option<Language> {
    let mut best: Option<(Language, f32)> = None;
    for range in value.split(',') {
        let mut parts = range.split(';');
        let Some(language) = parts.next().and_then(Language::from_tag) else {
            continue;
        };
        let quality = parts
            .find_map(|param| param.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
            .unwrap_or(0.0);
        if quality > 0.0 && best.is_none_or(|(_, best_quality)| quality > best_quality) {
            best = Some((language, quality));
        }
    }
    best.map(|(language, _)| language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_by_quality() {
        assert_eq!(from_accept_language("en-US,en;q=0.9"), Some(Language::EnUs));
        assert_eq!(from_accept_language("fr-FR, en;q=0.5, zh-CN;q=0.8"), Some(Language::ZhCn));
        assert_eq!(from_accept_language("fr, de;q=0.9"), None);
        assert_eq!(from_accept_language("en;q=0, zh;q=0.1"), Some(Language::ZhCn));
        assert_eq!(from_accept_language("*"), None);
    }
}
