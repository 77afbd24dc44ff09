//! What a successful request answers: Authing's `GetSecurityInfoDto`, from an account's factors.

use scoring::{security_score, AccountFactors, FactorPoints, NextStep};
use serde::Serialize;

/// Authing's `GetSecurityInfoDto`, exactly.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SecurityInfo {
    /// 1 LOW, 2 MIDDLE, 3 HIGH; 0 when no password is set or its level was never assessed.
    pub password_security_level: u8,
    pub mfa_enrolled: bool,
    pub password_set: bool,
    pub email_binded: bool,
    pub phone_binded: bool,
    pub security_score: u8,
}

/// The opt-in `?detail=true` extension, beside `data` so `data` keeps the DTO's exact shape.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreDetail {
    pub breakdown: Vec<FactorPoints>,
    pub next_steps: Vec<NextStep>,
}

/// The DTO and, on request, the breakdown behind its score.
pub fn security_info(account: &AccountFactors, detail: bool) -> (SecurityInfo, Option<ScoreDetail>) {
    let score = security_score(account);
    let level = account.password_security_level.filter(|_| account.password_set);
    let info = SecurityInfo {
        password_security_level: level.map_or(0, |level| level.number()),
        mfa_enrolled: account.mfa_enrolled,
        password_set: account.password_set,
        email_binded: account.email_binded,
        phone_binded: account.phone_binded,
        security_score: score.total,
    };
    let detail = detail.then_some(ScoreDetail { breakdown: score.breakdown, next_steps: score.next_steps });
    (info, detail)
}
