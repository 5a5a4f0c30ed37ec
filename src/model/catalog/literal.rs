//! Validation stage: a TOML string as written in a catalog file → where each byte of its
//! value is in the file, so that a problem inside a description (a bad link) is reported
//! at its own line and column, not at the description's first line.

use crate::diagnostics::Position;

/// The position in the file of byte `offset` of the string value written as `literal`
/// (delimiters included) starting at `start`. Escapes in basic strings (`"`, `"""`) are
/// decoded as TOML does, so a column after `\"` or `\u00e9` is the column in the file;
/// literal strings (`'`, `'''`) are as written.
pub fn position_in_literal(literal: &str, start: Position, offset: usize) -> Position {
    let (delimiter, escapes) = match literal {
        l if l.starts_with("\"\"\"") => ("\"\"\"", true),
        l if l.starts_with("'''") => ("'''", false),
        l if l.starts_with('"') => ("\"", true),
        l if l.starts_with('\'') => ("'", false),
        _ => return start,
    };
    let mut at = start;
    let mut body = literal[delimiter.len()..].chars().peekable();
    advance(&mut at, delimiter);
    // A line break right after an opening `"""` or `'''` is not part of the value.
    if delimiter.len() == 3 && body.peek() == Some(&'\n') {
        body.next();
        advance(&mut at, "\n");
    }
    let mut decoded = 0;
    while decoded < offset {
        let Some(c) = body.next() else { break };
        if !(escapes && c == '\\') {
            decoded += c.len_utf8();
            advance(&mut at, c.encode_utf8(&mut [0; 4]));
            continue;
        }
        advance(&mut at, "\\");
        match body.next() {
            Some(hex @ ('u' | 'U')) => {
                let digits: String = body.by_ref().take(if hex == 'u' { 4 } else { 8 }).collect();
                advance(&mut at, &format!("{hex}{digits}"));
                decoded += u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map_or(1, char::len_utf8);
            }
            // A backslash at the end of a line joins it to the next non-blank character.
            Some(blank) if blank.is_whitespace() => {
                advance(&mut at, blank.encode_utf8(&mut [0; 4]));
                while let Some(&next) = body.peek().filter(|c| c.is_whitespace()) {
                    body.next();
                    advance(&mut at, next.encode_utf8(&mut [0; 4]));
                }
            }
            Some(other) => {
                advance(&mut at, other.encode_utf8(&mut [0; 4]));
                decoded += 1;
            }
            None => break,
        }
    }
    at
}

/// Moves `at` past `written`.
fn advance(at: &mut Position, written: &str) {
    for c in written.chars() {
        if c == '\n' {
            at.line += 1;
            at.col = 1;
        } else {
            at.col += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> Position {
        Position { line, col }
    }

    #[test]
    fn one_line_strings_count_from_after_the_quote() {
        // description = "See [x](javascript:y)"  (the value starts at column 15)
        assert_eq!(
            position_in_literal("\"See [x](javascript:y)\"", at(3, 15), 4),
            at(3, 20)
        );
        assert_eq!(position_in_literal("'See [x](y)'", at(3, 15), 4), at(3, 20));
    }

    #[test]
    fn escapes_in_basic_strings_shift_columns() {
        // `\"` is two characters in the file, one in the value; `\u00e9` is six for two bytes.
        let literal = "\"\\\"q\\\" \\u00e9 [x](y)\"";
        let value = "\"q\" é [x](y)";
        let offset = value.find('[').unwrap();
        assert_eq!(position_in_literal(literal, at(1, 1), offset), at(1, 15));
        // The same characters in a literal string are as written.
        assert_eq!(position_in_literal("'\\\"q [x](y)'", at(1, 1), 4), at(1, 6));
    }

    #[test]
    fn multi_line_strings_skip_the_first_line_break_and_count_lines() {
        let literal = "\"\"\"\nFirst line.\n\nSee [x](y).\n\"\"\"";
        let offset = "First line.\n\nSee ".len();
        assert_eq!(position_in_literal(literal, at(5, 15), offset), at(8, 5));
        let literal = "'''\nFirst line.\n  See [x](y).\n'''";
        let offset = "First line.\n  See ".len();
        assert_eq!(position_in_literal(literal, at(5, 15), offset), at(7, 7));
    }

    #[test]
    fn a_line_ending_backslash_joins_lines() {
        let literal = "\"\"\"\nOne \\\n    two [x](y)\"\"\"";
        let offset = "One two ".len();
        assert_eq!(position_in_literal(literal, at(1, 1), offset), at(3, 9));
    }
}
