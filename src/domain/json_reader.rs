//! A small reader of JSON text, for the few values the first load reads back: the home
//! page's copy (`HomeCopy`) and sync's quarantine and alarms. They are written with
//! serde_json as before; reading them with this instead keeps serde_json's text
//! deserializer (its number and string parsers, float tables and error messages: 33 KB
//! of the first-load wasm, 15 KB brotli) out of the first load. Events are still decoded
//! with serde_json, in the start chunk.
//!
//! Architecture Invariant: this reads what `serde_json::to_string` writes of those values
//! exactly as `serde_json::from_str` does, and refuses everything serde_json refuses
//! (tests/json_reader.rs checks both on random and damaged text). It also refuses a few
//! forms serde_json accepts but never writes: a struct written as an array, a lone
//! surrogate escape inside a member that is passed over, nesting deeper than 32. No input
//! makes it panic or recurse without bound: text it can't read is `None`.

/// A JSON value. Numbers keep their text: nothing read here is a number.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    Text(String),
    /// An array.
    List(Vec<Json>),
    /// An object's members, in the order written.
    Object(Vec<(String, Json)>),
}

/// How deeply arrays and objects may nest: deeper text is not read (no value read
/// here nests more than four levels).
const MAX_DEPTH: usize = 32;

impl Json {
    /// The value `text` holds; `None` unless it is one JSON value (with whitespace
    /// around it at most).
    pub fn parse(text: &str) -> Option<Json> {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0)?;
        reader.space();
        (reader.at == reader.bytes.len()).then_some(value)
    }

    /// The member `key` of an object (its first, if written twice).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string this is.
    pub fn text(&self) -> Option<&str> {
        match self {
            Json::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The boolean this is.
    pub fn boolean(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items of the array this is.
    pub fn items(&self) -> Option<&[Json]> {
        match self {
            Json::List(items) => Some(items),
            _ => None,
        }
    }

    /// The members `keys` of an object, as serde reads a struct's fields: each must be
    /// there exactly once; other members are passed over.
    pub fn fields<const N: usize>(&self, keys: [&str; N]) -> Option<[&Json; N]> {
        let Json::Object(members) = self else {
            return None;
        };
        let mut out: [Option<&Json>; N] = [None; N];
        for (key, value) in members {
            if let Some(i) = keys.iter().position(|k| k == key) {
                if out[i].replace(value).is_some() {
                    return None;
                }
            }
        }
        if out.iter().any(Option::is_none) {
            return None;
        }
        Some(out.map(|v| v.unwrap_or(&Json::Null)))
    }

    /// The list `text` holds, each item an object with the string members `keys` (as
    /// serde reads a `Vec` of a struct of strings), each made into a `T` by `make`.
    pub fn list_of<T, const N: usize>(
        text: &str,
        keys: [&str; N],
        make: impl Fn([String; N]) -> T,
    ) -> Option<Vec<T>> {
        let list = Json::parse(text)?;
        list.items()?
            .iter()
            .map(|item| item.texts(keys).map(&make))
            .collect()
    }

    /// The members `keys` of an object, each a string ([`Json::fields`]).
    pub fn texts<const N: usize>(&self, keys: [&str; N]) -> Option<[String; N]> {
        let fields = self.fields(keys)?;
        if fields.iter().any(|f| f.text().is_none()) {
            return None;
        }
        Some(fields.map(|f| f.text().unwrap_or_default().to_string()))
    }
}

/// Reads one value at a time from the text's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, not taken.
    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.bytes.get(self.at).copied()
    }

    /// Take `byte` if it is next (after whitespace).
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.at += 1;
        }
        next
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes.get(self.at..end)? == word.as_bytes()).then(|| {
            self.at = end;
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        match self.peek()? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::Text),
            b'[' if depth < MAX_DEPTH => self.list(depth + 1),
            b'{' if depth < MAX_DEPTH => self.object(depth + 1),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn list(&mut self, depth: usize) -> Option<Json> {
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(Json::List(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.eat(b']') {
                return Some(Json::List(items));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Json> {
        self.at += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Some(Json::Object(members));
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            members.push((key, self.value(depth)?));
            if self.eat(b'}') {
                return Some(Json::Object(members));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// A number's text, checked against JSON's grammar.
    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.bytes.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        // One zero, or digits that don't begin with one.
        match self.bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => _ = digits(self),
            _ => return None,
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        Some(Json::Number(text.to_string()))
    }

    /// A string, from its opening quote: escapes read, control characters refused.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let c = self.escape()?;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                0..=0x1f => return None,
                _ => out.push(byte),
            }
        }
    }

    /// The character an escape (after its backslash) stands for.
    fn escape(&mut self) -> Option<char> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode(),
            _ => return None,
        })
    }

    /// `\uXXXX`, and its low half when it is a surrogate pair's high half.
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if !(0xd800..0xdc00).contains(&high) {
            return char::from_u32(high);
        }
        if self.bytes.get(self.at..self.at.checked_add(2)?)? != b"\\u" {
            return None;
        }
        self.at += 2;
        let low = self.hex4()?;
        if !(0xdc00..0xe000).contains(&low) {
            return None;
        }
        char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        if !digits.bytes().all(|d| d.is_ascii_hexdigit()) {
            return None;
        }
        self.at = end;
        u32::from_str_radix(digits, 16).ok()
    }
}
