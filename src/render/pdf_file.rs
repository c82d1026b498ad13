//! The bytes of a PDF file from a lopdf document: header, objects, cross-reference table and
//! trailer, exactly as lopdf's `Document::save_to` writes them (a test holds the two to the same
//! bytes on every kind of object), at a fraction of the cost.
//!
//! lopdf writes through `dyn Write` and formats as it goes: each byte of a hexadecimal string is
//! a `write!` of its own (the PDFs' text strings — titles, alternative texts, the structure
//! tree's actual texts — are UTF-16 written in hexadecimal), each reference is a `write!` of two
//! numbers, each byte of a name is looked up in a list of delimiters, and each object's `/Type`
//! is hashed to decide whether to write it. That was 9.9 M of the sample deck's 160 M
//! instructions. Here every piece goes straight into one buffer sized for the file up front.
//!
//! Only what diapo's documents hold is written this way: a cross-reference table (not a stream)
//! and a binary mark of high bytes. For anything else the document is handed to lopdf.

use super::pdf_content::{hex_digits, write_name, write_real};
use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, StringFormat};

/// The file, as lopdf's `save_to` would write it. Sets the trailer's `/Size`, as lopdf does.
pub fn write(doc: &mut Document) -> std::io::Result<Vec<u8>> {
    if !written_here(doc) {
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)?;
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(size_hint(doc));
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    out.extend_from_slice(b"\n%");
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');

    // The offset of each object written, by number (lopdf's `Xref`, which has no other entries
    // for a document saved this way).
    let size = doc.max_id as usize + 1;
    let mut offsets: Vec<Option<(usize, u16)>> = vec![None; size];
    for (&(id, generation), object) in &doc.objects {
        if is_skipped(object) {
            continue;
        }
        if let Some(slot) = offsets.get_mut(id as usize) {
            *slot = Some((out.len(), generation));
        }
        integer(&mut out, i64::from(id));
        out.push(b' ');
        integer(&mut out, i64::from(generation));
        out.extend_from_slice(b" obj\n");
        if needs_separator(object) {
            out.push(b' ');
        }
        write_object(&mut out, object);
        if needs_end_separator(object) {
            out.push(b' ');
        }
        out.extend_from_slice(b"\nendobj\n");
    }

    let xref_start = out.len();
    xref(&mut out, &offsets);
    doc.trailer.set("Size", i64::from(doc.max_id) + 1);
    out.extend_from_slice(b"trailer\n");
    dictionary(&mut out, &doc.trailer);
    out.extend_from_slice(b"\nstartxref\n");
    integer(&mut out, xref_start as i64);
    out.extend_from_slice(b"\n%%EOF");
    Ok(out)
}

/// Whether the document is of the shape written here: a cross-reference table (lopdf's
/// `Document::new` asks for a stream; printpdf's documents have a table) and a valid binary mark.
fn written_here(doc: &Document) -> bool {
    matches!(
        doc.reference_table.cross_reference_type,
        XrefType::CrossReferenceTable
    ) && doc.binary_mark.iter().all(|&b| b >= 128)
}

/// Room for the file: its streams' bytes, and a generous average for everything else, so the
/// buffer is not copied as it grows.
fn size_hint(doc: &Document) -> usize {
    let streams: usize = doc
        .objects
        .values()
        .map(|o| match o {
            Object::Stream(s) => s.content.len(),
            _ => 0,
        })
        .sum();
    streams + doc.objects.len() * 160 + 4096
}

/// lopdf leaves out object streams, cross-reference streams and linearization dictionaries: it
/// writes the file's structure anew. It reads `/Type` as a name, or a `/Linearized` key.
fn is_skipped(object: &Object) -> bool {
    let dict = match object {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return false,
    };
    // Keys looked for along the dictionary (a handful of entries), not hashed.
    let value = |key: &[u8]| {
        dict.iter()
            .find(|(k, _)| k.as_slice() == key)
            .map(|(_, v)| v)
    };
    match value(b"Type").map(Object::as_name) {
        Some(Ok(name)) => matches!(name, b"ObjStm" | b"XRef" | b"Linearized"),
        _ => value(b"Linearized").is_some(),
    }
}

/// The cross-reference table: sections of consecutive numbers, object 0 the head of the free
/// list, a number never written ending a section.
fn xref(out: &mut Vec<u8>, offsets: &[Option<(usize, u16)>]) {
    out.extend_from_slice(b"xref\n");
    let mut start = 0;
    let mut entries: Vec<Option<(usize, u16)>> = vec![None];
    for (id, entry) in offsets.iter().enumerate().skip(1) {
        if entries.is_empty() {
            start = id;
        }
        match entry {
            Some(e) => entries.push(Some(*e)),
            None if !entries.is_empty() => {
                xref_section(out, start, &entries);
                entries.clear();
                start = id;
            }
            None => {}
        }
    }
    if !entries.is_empty() {
        xref_section(out, start, &entries);
    }
}

fn xref_section(out: &mut Vec<u8>, start: usize, entries: &[Option<(usize, u16)>]) {
    integer(out, start as i64);
    out.push(b' ');
    integer(out, entries.len() as i64);
    out.push(b'\n');
    for entry in entries {
        let (offset, generation, kind) = match entry {
            Some((offset, generation)) => (*offset, *generation, b'n'),
            None => (0, 65535, b'f'),
        };
        padded(out, offset as u64, 10);
        out.push(b' ');
        padded(out, u64::from(generation), 5);
        out.push(b' ');
        out.push(kind);
        out.extend_from_slice(b" \n");
    }
}

/// `value` in decimal, zeros before it up to `width` digits (`{value:0width$}`).
fn padded(out: &mut Vec<u8>, value: u64, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(value).as_bytes();
    out.extend(std::iter::repeat_n(
        b'0',
        width.saturating_sub(digits.len()),
    ));
    out.extend_from_slice(digits);
}

/// Objects after which lopdf puts a space before the next one, so that two numbers or keywords
/// do not run together.
fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn needs_end_separator(object: &Object) -> bool {
    needs_separator(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => integer(out, *value),
        // What lopdf's `{value}` prints: Rust's shortest round-trip decimal, never an exponent.
        Object::Real(value) => write_real(out, *value),
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => hexadecimal(out, text),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_separator(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary(out, dict),
        Object::Stream(stream) => {
            dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            integer(out, i64::from(*id));
            out.push(b' ');
            integer(out, i64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

fn dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

fn integer(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

fn hexadecimal(out: &mut Vec<u8>, text: &[u8]) {
    out.reserve(text.len() * 2 + 2);
    out.push(b'<');
    for &byte in text {
        out.extend_from_slice(&hex_digits(byte));
    }
    out.push(b'>');
}

/// A literal string, escaped as lopdf escapes it: backslashes, carriage returns (as `\r`), and
/// parentheses that are not balanced — a `)` with no `(` open before it, and every `(` left open
/// at the end.
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    let mut escape = vec![false; text.len()];
    let mut open = Vec::new();
    for (i, &byte) in text.iter().enumerate() {
        match byte {
            b'(' => open.push(i),
            b')' => escape[i] = open.pop().is_none(),
            b'\\' | b'\r' => escape[i] = true,
            _ => {}
        }
    }
    for i in open {
        escape[i] = true;
    }
    out.push(b'(');
    for (&byte, escaped) in text.iter().zip(escape) {
        if escaped {
            out.push(b'\\');
            out.push(if byte == b'\r' { b'r' } else { byte });
        } else {
            out.push(byte);
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// lopdf's own bytes for the document.
    fn lopdf_bytes(doc: &Document) -> Vec<u8> {
        let mut bytes = Vec::new();
        doc.clone().save_to(&mut bytes).unwrap();
        bytes
    }

    fn assert_same(doc: &Document) {
        assert!(written_here(doc), "lopdf would write it on both sides");
        let expected = lopdf_bytes(doc);
        let got = write(&mut doc.clone()).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
        assert_eq!(got, expected);
    }

    /// The document with a cross-reference table, as printpdf makes them.
    fn table(mut doc: Document) -> Document {
        doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        doc
    }

    /// Every kind of object, the awkward bytes of each (names with delimiters and high bytes,
    /// strings with unbalanced parentheses, backslashes and carriage returns), numbers of every
    /// sign and size, gaps in the numbering, a generation other than 0, and the objects lopdf
    /// leaves out.
    fn every_kind() -> Document {
        let mut doc = table(Document::with_version("1.7"));
        let strings = vec![
            Object::String(b"plain".to_vec(), StringFormat::Literal),
            Object::String(b"a (b) c".to_vec(), StringFormat::Literal),
            Object::String(b") first".to_vec(), StringFormat::Literal),
            Object::String(b"left ( open ((".to_vec(), StringFormat::Literal),
            Object::String(b"back\\slash\rcr\nlf".to_vec(), StringFormat::Literal),
            Object::String(vec![0xFE, 0xFF, 0, b'A', 0x20, 0xAC], StringFormat::Literal),
            Object::String(
                vec![0xFE, 0xFF, 0, b'A', 0x20, 0xAC],
                StringFormat::Hexadecimal,
            ),
            Object::String(Vec::new(), StringFormat::Hexadecimal),
            Object::String(Vec::new(), StringFormat::Literal),
        ];
        let numbers = vec![
            Object::Integer(0),
            Object::Integer(-42),
            Object::Integer(i64::MAX),
            Object::Integer(i64::MIN),
            Object::Real(0.5),
            Object::Real(-1.25),
            Object::Real(1.0e-7),
            Object::Real(3.0e12),
            Object::Real(1.0 / 3.0),
            Object::Real(f32::MAX),
            Object::Null,
            Object::Boolean(true),
            Object::Boolean(false),
            Object::Reference((7, 0)),
            Object::Reference((123_456, 65_535)),
        ];
        let names = vec![
            Object::Name(b"Plain".to_vec()),
            Object::Name(b"With Space#Hash/Slash(p)<a>[b]{c}%".to_vec()),
            Object::Name(vec![0, 9, 10, 13, 12, 32, 33, 126, 127, 128, 255]),
            Object::Name(Vec::new()),
        ];
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Strings" => strings.clone(),
            "Numbers" => numbers.clone(),
            "Names" => names.clone(),
            "Nested" => vec![Object::Array(numbers.clone()), Object::Array(Vec::new()), Object::Dictionary(Dictionary::new())],
            "Inner" => dictionary! { "A" => 1, "B" => Object::Name(b"x".to_vec()), "C" => 2.5, "D" => Object::Null },
        });
        doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode", "Length" => 5 },
            b"\x00\xffend\n".to_vec(),
        ));
        doc.add_object(Stream::new(Dictionary::new(), Vec::new()));
        for object in numbers.iter().chain(&strings).chain(&names) {
            doc.add_object(object.clone());
        }
        doc.add_object(Object::Array(names));
        // Left out: an object stream, a cross-reference stream, a linearization dictionary.
        doc.add_object(Stream::new(
            dictionary! { "Type" => "ObjStm", "N" => 0 },
            Vec::new(),
        ));
        doc.add_object(dictionary! { "Type" => "XRef" });
        doc.add_object(dictionary! { "Linearized" => 1 });
        // `/Type` that is not a name: written.
        doc.add_object(dictionary! { "Type" => 3, "Linearized" => 1 });
        doc.add_object(dictionary! { "Type" => "Linearized" });
        // A gap in the numbering, then objects again; a generation other than 0.
        doc.objects.insert((60, 0), Object::Integer(60));
        doc.objects.insert((61, 3), Object::Integer(61));
        doc.objects.insert((63, 0), Object::Integer(63));
        doc.max_id = 63;
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => page });
        doc.trailer.set("Root", catalog);
        doc.trailer.set(
            "Info",
            Object::String(b"(x".to_vec(), StringFormat::Literal),
        );
        doc
    }

    #[test]
    fn every_kind_of_object_is_written_as_lopdf_writes_it() {
        assert_same(&every_kind());
    }

    #[test]
    fn numbering_that_ends_on_a_gap_or_starts_past_one_is_written_as_lopdf_writes_it() {
        let mut doc = every_kind();
        doc.max_id += 5;
        assert_same(&doc);
        let mut doc = table(Document::with_version("1.4"));
        doc.objects.insert((3, 0), Object::Integer(3));
        doc.max_id = 3;
        assert_same(&doc);
        assert_same(&table(Document::with_version("2.0")));
    }

    #[test]
    fn the_trailer_s_size_is_set_as_lopdf_sets_it() {
        let mut doc = every_kind();
        doc.trailer.set("Size", 1);
        let expected = lopdf_bytes(&doc);
        let mut mine = doc.clone();
        assert_eq!(write(&mut mine).unwrap(), expected);
        let size = i64::from(doc.max_id) + 1;
        assert_eq!(mine.trailer.get(b"Size").unwrap(), &Object::Integer(size));
    }

    #[test]
    fn a_document_of_another_shape_is_handed_to_lopdf() {
        let mut doc = every_kind();
        doc.binary_mark = b"abcd".to_vec();
        assert!(!written_here(&doc));
        assert!(write(&mut doc.clone()).is_err());
        assert!(doc.clone().save_to(&mut Vec::new()).is_err());
        let mut doc = every_kind();
        doc.reference_table.cross_reference_type = XrefType::CrossReferenceStream;
        assert!(!written_here(&doc));
        let expected = lopdf_bytes(&doc);
        assert_eq!(write(&mut doc).unwrap(), expected);
        assert!(expected.windows(10).any(|w| w == b"/Type/XRef"));
    }
}
