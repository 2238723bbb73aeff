//! Link codes: six characters that are easy to read aloud and to type on a phone, with
//! none of the letters and digits people mix up (0/O, 1/I/L).

/// The characters a code is made of.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// How many characters a code has: 31⁶, about 887 million codes.
pub(crate) const LENGTH: usize = 6;

/// A new code from the system's random source, written as it is stored (`K7M4QX`).
pub(crate) fn new_code() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; LENGTH];
    let mut code = String::with_capacity(LENGTH);
    while code.len() < LENGTH {
        getrandom::fill(&mut bytes)?;
        // Bytes past the last whole multiple of the alphabet are skipped: no character
        // comes up more often than another.
        let fair = 256 - 256 % ALPHABET.len();
        for byte in bytes {
            if usize::from(byte) < fair && code.len() < LENGTH {
                code.push(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
            }
        }
    }
    Ok(code)
}

/// How a code is shown to read: `K7M-4QX`.
pub(crate) fn shown(code: &str) -> String {
    let (first, second) = code.split_at(code.len() / 2);
    format!("{first}-{second}")
}

/// A code as typed (any case, with spaces or dashes), as stored; `None` when it cannot
/// be one.
pub(crate) fn read(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '.' | '_'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == LENGTH && code.bytes().all(|byte| ALPHABET.contains(&byte));
    valid.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_unambiguous_characters() {
        for _ in 0..200 {
            let code = new_code().unwrap();
            assert_eq!(code.len(), LENGTH);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
            assert_eq!(read(&code), Some(code.clone()));
        }
        assert_ne!(new_code().unwrap(), new_code().unwrap());
    }

    #[test]
    fn codes_are_read_as_people_type_them() {
        assert_eq!(shown("K7M4QX"), "K7M-4QX");
        assert_eq!(read("k7m-4qx"), Some("K7M4QX".into()));
        assert_eq!(read(" K7M 4QX "), Some("K7M4QX".into()));
        assert_eq!(read("K7M4Q"), None);
        assert_eq!(read("K7M4QO"), None, "O is not in the alphabet");
        assert_eq!(read("K7M4QXY"), None);
    }
}
