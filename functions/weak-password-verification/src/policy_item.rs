//! A project's own password policy, as the project-policies table holds it.
//!
//! Item format (each attribute optional but the key): `projectId` (S, partition key), `policy`
//! (S, `nist` or `ddm`), `minLength` (N, 1 to 64), `minScore` (N, 0 to 4), `bannedWords` (L of
//! S, or SS: at most 1,000 words of 4 to 32 characters), `breachedMinCount` (N, 1 or more).
//! An attribute that cannot be read never weakens the rules: reading the item fails, naming the
//! attribute (never its value).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use dynamo_glue::StoreError;
use scoring::{BannedWords, PasswordPolicy, MAX_BANNED_WORDS, MAX_BANNED_WORD_CHARS, MIN_BANNED_WORD_CHARS};

use crate::config::{MAX_MIN_LENGTH, MAX_MIN_SCORE};

pub const PROJECT_ID: &str = "projectId";
pub const POLICY: &str = "policy";
pub const MIN_LENGTH: &str = "minLength";
pub const MIN_SCORE: &str = "minScore";
pub const BANNED_WORDS: &str = "bannedWords";
pub const BREACHED_MIN_COUNT: &str = "breachedMinCount";

/// A DynamoDB item, as the table holds it.
pub type Item = HashMap<String, AttributeValue>;

/// The rules set one named base policy has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasePolicy {
    Nist,
    Ddm,
}

impl BasePolicy {
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "nist" => Some(Self::Nist),
            "ddm" => Some(Self::Ddm),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Nist => "nist",
            Self::Ddm => "ddm",
        }
    }

    pub fn rules(self) -> PasswordPolicy {
        match self {
            Self::Nist => PasswordPolicy::nist(),
            Self::Ddm => PasswordPolicy::ddm(),
        }
    }
}

/// What one project's item sets; whatever it leaves out is the deployment's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectPolicy {
    pub base: Option<BasePolicy>,
    pub min_length: Option<usize>,
    pub min_score: Option<u8>,
    pub banned_words: Vec<String>,
    pub breached_min_count: Option<u64>,
}

impl ProjectPolicy {
    /// The password rules of this project: its base policy (else the deployment's), then its
    /// own minimums and banned words.
    pub fn rules(&self, deployment: &PasswordPolicy) -> PasswordPolicy {
        let mut rules = self.base.map_or_else(|| deployment.clone(), BasePolicy::rules);
        if let Some(min_length) = self.min_length {
            rules.min_length = min_length;
        }
        if let Some(min_score) = self.min_score {
            rules.min_score = min_score;
        }
        rules.banned_words = BannedWords::new(&self.banned_words);
        rules
    }

    /// The item that stores this policy for `project_id`.
    pub fn to_item(&self, project_id: &str) -> Item {
        let mut item = Item::from([(PROJECT_ID.to_owned(), AttributeValue::S(project_id.to_owned()))]);
        let mut set = |name: &str, value| {
            item.insert(name.to_owned(), value);
        };
        if let Some(base) = self.base {
            set(POLICY, AttributeValue::S(base.name().to_owned()));
        }
        if let Some(min_length) = self.min_length {
            set(MIN_LENGTH, AttributeValue::N(min_length.to_string()));
        }
        if let Some(min_score) = self.min_score {
            set(MIN_SCORE, AttributeValue::N(min_score.to_string()));
        }
        if !self.banned_words.is_empty() {
            set(BANNED_WORDS, AttributeValue::L(self.banned_words.iter().cloned().map(AttributeValue::S).collect()));
        }
        if let Some(count) = self.breached_min_count {
            set(BREACHED_MIN_COUNT, AttributeValue::N(count.to_string()));
        }
        item
    }
}

fn malformed(attribute: &'static str, problem: &'static str) -> StoreError {
    StoreError::MalformedItem { attribute, problem }
}

/// Reads a policy item, refusing any attribute of the wrong type or out of range.
pub fn policy_from_item(item: &Item) -> Result<ProjectPolicy, StoreError> {
    let present = |name: &str| item.get(name).filter(|value| !matches!(value, AttributeValue::Null(_)));
    let base = match present(POLICY) {
        None => None,
        Some(AttributeValue::S(name)) => Some(BasePolicy::parse(name).ok_or(malformed(POLICY, "is not nist or ddm"))?),
        Some(_) => return Err(malformed(POLICY, "is not an S")),
    };
    let min_length =
        number(present(MIN_LENGTH), MIN_LENGTH, 1, MAX_MIN_LENGTH as u64, "is not a whole number from 1 to 64")?;
    let min_score =
        number(present(MIN_SCORE), MIN_SCORE, 0, u64::from(MAX_MIN_SCORE), "is not a whole number from 0 to 4")?;
    let breached_min_count =
        number(present(BREACHED_MIN_COUNT), BREACHED_MIN_COUNT, 1, u64::MAX, "is not a whole number of 1 or more")?;
    let banned_words = match present(BANNED_WORDS) {
        None => Vec::new(),
        Some(AttributeValue::Ss(words)) => words.clone(),
        Some(AttributeValue::L(values)) => values
            .iter()
            .map(|value| match value {
                AttributeValue::S(word) => Ok(word.clone()),
                _ => Err(malformed(BANNED_WORDS, "holds something other than strings")),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(malformed(BANNED_WORDS, "is not a list or string set")),
    };
    validate_banned_words(&banned_words).map_err(|problem| malformed(BANNED_WORDS, problem))?;
    Ok(ProjectPolicy {
        base,
        min_length: min_length.map(|n| n as usize),
        min_score: min_score.map(|n| n as u8),
        banned_words,
        breached_min_count,
    })
}

/// At most [`MAX_BANNED_WORDS`] words of [`MIN_BANNED_WORD_CHARS`] to [`MAX_BANNED_WORD_CHARS`].
pub fn validate_banned_words(words: &[String]) -> Result<(), &'static str> {
    if words.len() > MAX_BANNED_WORDS {
        return Err("holds more than 1000 words");
    }
    let lengths = MIN_BANNED_WORD_CHARS..=MAX_BANNED_WORD_CHARS;
    match words.iter().all(|word| lengths.contains(&word.chars().count())) {
        true => Ok(()),
        false => Err("holds a word that is not 4 to 32 characters long"),
    }
}

fn number(
    value: Option<&AttributeValue>,
    attribute: &'static str,
    min: u64,
    max: u64,
    problem: &'static str,
) -> Result<Option<u64>, StoreError> {
    match value {
        None => Ok(None),
        Some(AttributeValue::N(text)) => {
            text.parse().ok().filter(|n| (min..=max).contains(n)).map(Some).ok_or(malformed(attribute, problem))
        }
        Some(_) => Err(malformed(attribute, "is not an N")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(pairs: &[(&str, AttributeValue)]) -> Item {
        pairs.iter().map(|(name, value)| ((*name).to_owned(), value.clone())).collect()
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|word| (*word).to_owned()).collect()
    }

    #[test]
    fn an_empty_item_keeps_the_deployment_defaults() {
        let policy = policy_from_item(&item(&[])).unwrap();
        assert_eq!(policy, ProjectPolicy::default());
        let deployment = PasswordPolicy { min_length: 10, ..PasswordPolicy::ddm() };
        assert_eq!(policy.rules(&deployment), deployment);
    }

    #[test]
    fn reads_every_attribute_and_writes_it_back() {
        let policy = ProjectPolicy {
            base: Some(BasePolicy::Ddm),
            min_length: Some(12),
            min_score: Some(4),
            banned_words: words(&["contoso", "fabrikam"]),
            breached_min_count: Some(10),
        };
        let stored = policy.to_item("project-1");
        assert_eq!(stored[PROJECT_ID], AttributeValue::S("project-1".into()));
        assert_eq!(policy_from_item(&stored), Ok(policy.clone()));
        let rules = policy.rules(&PasswordPolicy::nist());
        assert_eq!((rules.min_length, rules.min_score, rules.max_length), (12, 4, Some(32)));
        assert_eq!(rules.banned_words, BannedWords::new(["contoso", "fabrikam"]));
    }

    #[test]
    fn a_string_set_of_banned_words_reads_as_well() {
        let stored = item(&[(BANNED_WORDS, AttributeValue::Ss(words(&["contoso"])))]);
        assert_eq!(policy_from_item(&stored).unwrap().banned_words, ["contoso"]);
    }

    #[test]
    fn refuses_what_it_cannot_read_naming_the_attribute() {
        let too_many: Vec<AttributeValue> = (0..1001).map(|n| AttributeValue::S(format!("word{n}"))).collect();
        for (attribute, value) in [
            (POLICY, AttributeValue::S("strict".into())),
            (POLICY, AttributeValue::N("1".into())),
            (MIN_LENGTH, AttributeValue::N("0".into())),
            (MIN_LENGTH, AttributeValue::N("65".into())),
            (MIN_LENGTH, AttributeValue::S("12".into())),
            (MIN_SCORE, AttributeValue::N("5".into())),
            (MIN_SCORE, AttributeValue::N("2.5".into())),
            (BREACHED_MIN_COUNT, AttributeValue::N("0".into())),
            (BANNED_WORDS, AttributeValue::S("contoso".into())),
            (BANNED_WORDS, AttributeValue::L(vec![AttributeValue::N("1234".into())])),
            (BANNED_WORDS, AttributeValue::L(vec![AttributeValue::S("abc".into())])),
            (BANNED_WORDS, AttributeValue::Ss(words(&["x".repeat(33).as_str()]))),
            (BANNED_WORDS, AttributeValue::L(too_many)),
        ] {
            match policy_from_item(&item(&[(attribute, value.clone())])) {
                Err(StoreError::MalformedItem { attribute: named, .. }) => assert_eq!(named, attribute, "{value:?}"),
                other => panic!("{attribute} = {value:?} read as {other:?}"),
            }
        }
    }
}
