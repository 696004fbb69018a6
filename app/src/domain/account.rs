//! Rules for accounts: what a new owner, an invited person or a new password must bring.

use serde::{Deserialize, Serialize};

pub const MIN_PASSWORD_CHARS: usize = 10;

/// Why sign-up data was refused; the code travels in the redirect back to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignupProblem {
    /// The business or the person's name is empty.
    Name,
    Email,
    /// The password is shorter than [`MIN_PASSWORD_CHARS`].
    Short,
    /// The repeated password differs.
    Differ,
}

impl SignupProblem {
    pub const ALL: [SignupProblem; 4] =
        [SignupProblem::Name, SignupProblem::Email, SignupProblem::Short, SignupProblem::Differ];

    pub fn code(self) -> &'static str {
        match self {
            SignupProblem::Name => "name",
            SignupProblem::Email => "email",
            SignupProblem::Short => "short",
            SignupProblem::Differ => "differ",
        }
    }

    pub fn from_code(code: &str) -> Option<SignupProblem> {
        SignupProblem::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Checks an owner's (or an invited person's) sign-up data.
pub fn check_signup(
    business: &str,
    name: &str,
    email: &str,
    password: &str,
    repeat: &str,
) -> Result<(), SignupProblem> {
    if business.trim().is_empty() || name.trim().is_empty() {
        return Err(SignupProblem::Name);
    }
    let email_ok = email.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
    if !email_ok || email.contains(char::is_whitespace) {
        return Err(SignupProblem::Email);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(SignupProblem::Short);
    }
    if password != repeat {
        return Err(SignupProblem::Differ);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(b: &str, n: &str, e: &str, p: &str, r: &str) -> Result<(), &'static str> {
        check_signup(b, n, e, p, r).map_err(SignupProblem::code)
    }

    #[test]
    fn owner_input_checks_name_email_and_password() {
        assert_eq!(check("B", "N", "a@b.de", "0123456789", "0123456789"), Ok(()));
        assert_eq!(check(" ", "N", "a@b.de", "0123456789", "0123456789"), Err("name"));
        assert_eq!(check("B", "N", "ab.de", "0123456789", "0123456789"), Err("email"));
        assert_eq!(check("B", "N", "a@b.de", "short", "short"), Err("short"));
        assert_eq!(check("B", "N", "a@b.de", "0123456789", "0123456780"), Err("differ"));
    }

    #[test]
    fn every_problem_code_reads_back() {
        for problem in SignupProblem::ALL {
            assert_eq!(SignupProblem::from_code(problem.code()), Some(problem));
        }
    }
}
