//! A file's bytes as UTF-8 while they stream past: UTF-8 (with or without BOM), UTF-16
//! with its BOM (Excel's "Unicode text"), else Windows-1252, which is what German Excel
//! writes as CSV — but never a mix of UTF-8 and Windows-1252, which would turn one of them
//! into garbage without anybody noticing.

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;

/// How much of the file's start decides whether it is text at all.
const HEAD: usize = 8192;
/// How much is read from the file at a time.
const CHUNK: usize = 64 * 1024;

/// Why the bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeFailure {
    /// Binary data at this byte offset of the file.
    Binary { offset: u64 },
    /// The file is UTF-8 up to `line`, where `byte` is not (or the other way round).
    Mixed { line: u64, byte: u8 },
}

/// The failure a [`Decoder`] met, for its owner to read after the reader gave up: the
/// reader only sees an `io::Error`.
pub(crate) type FailureSlot = Rc<RefCell<Option<DecodeFailure>>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Only ASCII so far: both encodings read it alike.
    Undecided,
    Utf8,
    Windows1252,
}

pub(crate) struct Decoder<R> {
    inner: R,
    /// Bytes read from the file and not yet decoded: the start of a UTF-8 sequence that
    /// the next read completes.
    carry: Vec<u8>,
    /// Decoded text not yet handed out.
    out: Vec<u8>,
    out_pos: usize,
    encoding: Encoding,
    /// The first read strips a BOM and checks for binary data.
    started: bool,
    at_eof: bool,
    /// File offset of the first byte of `carry` (or of the next read).
    offset: u64,
    /// Line breaks in the file before `offset`, for the line a mix is reported on.
    lines: u64,
    /// The last bytes of the previous chunk, so a UTF-8 sequence split between two
    /// Windows-1252 chunks is still seen.
    tail: Vec<u8>,
    failure: FailureSlot,
    /// A file that starts with a UTF-16 BOM is read by encoding_rs's decoder, which
    /// keeps a code unit split between two reads itself.
    utf16: Option<encoding_rs::Decoder>,
    /// The UTF-16 decoder has seen the end of the file (it must not be used after).
    utf16_done: bool,
}

impl<R: Read> Decoder<R> {
    pub fn new(inner: R, failure: FailureSlot) -> Self {
        Decoder {
            inner,
            carry: Vec::new(),
            out: Vec::with_capacity(CHUNK + 4),
            out_pos: 0,
            encoding: Encoding::Undecided,
            started: false,
            at_eof: false,
            offset: 0,
            lines: 0,
            tail: Vec::new(),
            failure,
            utf16: None,
            utf16_done: false,
        }
    }

    fn fail(&mut self, failure: DecodeFailure) -> io::Error {
        *self.failure.borrow_mut() = Some(failure);
        io::Error::new(io::ErrorKind::InvalidData, "the file is not readable text")
    }

    /// Reads the next chunk of the file into `carry`; at least `want` bytes unless the
    /// file ends first.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        let start = self.carry.len();
        self.carry.resize(start + want.max(CHUNK), 0);
        let mut got = start;
        while got < start + want {
            match self.inner.read(&mut self.carry[got..]) {
                Ok(0) => {
                    self.at_eof = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.carry.truncate(got);
        Ok(())
    }

    /// Decodes what `carry` holds into `out`, keeping an incomplete UTF-8 sequence at
    /// its end for the next round.
    fn decode(&mut self) -> io::Result<()> {
        let chunk = std::mem::take(&mut self.carry);
        let mut at = 0;
        if !self.started {
            self.started = true;
            if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&chunk) {
                at = bom;
                if encoding != encoding_rs::UTF_8 {
                    self.utf16 = Some(encoding.new_decoder_without_bom_handling());
                    return self.decode_utf16(&chunk, at);
                }
            }
            if let Some(offset) = binary_at(&chunk[at..]) {
                return Err(self.fail(DecodeFailure::Binary {
                    offset: (at + offset) as u64,
                }));
            }
        } else if self.utf16.is_some() {
            return self.decode_utf16(&chunk, 0);
        } else if let Some(i) = chunk.iter().position(|&b| b == 0) {
            // Text never holds NUL (a story's stray control character is the row's problem).
            return Err(self.fail(DecodeFailure::Binary {
                offset: self.offset + i as u64,
            }));
        }
        let rest = &chunk[at..];
        let lines = self.lines;
        let line_of =
            |pos: usize| lines + 1 + chunk[..pos].iter().filter(|&&b| b == b'\n').count() as u64;
        let consumed = match self.encoding {
            Encoding::Windows1252 => {
                let base = line_of(at);
                self.decode_1252(rest, base)?
            }
            Encoding::Undecided | Encoding::Utf8 => match std::str::from_utf8(rest) {
                Ok(text) => {
                    if !text.is_ascii() {
                        self.encoding = Encoding::Utf8;
                    }
                    self.out.extend_from_slice(rest);
                    rest.len()
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    if !rest[..valid].is_ascii() {
                        self.encoding = Encoding::Utf8;
                    }
                    self.out.extend_from_slice(&rest[..valid]);
                    match e.error_len() {
                        // A sequence the next chunk completes.
                        None if !self.at_eof => valid,
                        _ if self.encoding == Encoding::Utf8 => {
                            let line = line_of(at + valid);
                            return Err(self.fail(DecodeFailure::Mixed {
                                line,
                                byte: rest[valid],
                            }));
                        }
                        _ => {
                            // Everything before was ASCII, which Windows-1252 reads alike.
                            self.encoding = Encoding::Windows1252;
                            let base = line_of(at + valid);
                            valid + self.decode_1252(&rest[valid..], base)?
                        }
                    }
                }
            },
        };
        let used = at + consumed;
        self.lines += chunk[..used].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset += used as u64;
        self.tail = chunk[used.saturating_sub(3)..used].to_vec();
        self.carry = chunk[used..].to_vec();
        Ok(())
    }

    /// Decodes `chunk[at..]` as UTF-16 into `out`. Bytes that are no UTF-16 (a lone
    /// surrogate, an odd byte at the end) are refused like binary data, never replaced.
    /// A NUL or other control character is left to the rows, which report it with its
    /// line and column.
    fn decode_utf16(&mut self, chunk: &[u8], at: usize) -> io::Result<()> {
        let last = self.at_eof;
        let Some(decoder) = self.utf16.as_mut().filter(|_| !self.utf16_done) else {
            return Ok(());
        };
        let src = &chunk[at..];
        let start = self.out.len();
        let room = decoder
            .max_utf8_buffer_length_without_replacement(src.len())
            .unwrap_or(src.len() * 3 + 8);
        self.out.resize(start + room, 0);
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(src, &mut self.out[start..], last);
        self.out.truncate(start + written);
        match result {
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                // Where the bad bytes start: they may have come with an earlier read.
                let offset = (self.offset + (at + read) as u64)
                    .saturating_sub(u64::from(bad) + u64::from(after));
                return Err(self.fail(DecodeFailure::Binary { offset }));
            }
            encoding_rs::DecoderResult::InputEmpty => self.utf16_done = last,
            // With room for all of it the decoder takes the whole chunk; were it ever
            // full, the rest waits for the next round.
            encoding_rs::DecoderResult::OutputFull => {}
        }
        self.offset += (at + read) as u64;
        self.carry = src[read..].to_vec();
        Ok(())
    }

    /// Decodes `bytes` (which start on line `line`) as Windows-1252, unless they hold
    /// what can only be UTF-8: then the file is a mix.
    fn decode_1252(&mut self, bytes: &[u8], line: u64) -> io::Result<usize> {
        let mut seen = self.tail.clone();
        let overlap = seen.len();
        seen.extend_from_slice(bytes);
        if let Some(i) = utf8_mark(&seen) {
            let i = i.saturating_sub(overlap).min(bytes.len().saturating_sub(1));
            let line = line + bytes[..i].iter().filter(|&&b| b == b'\n').count() as u64;
            let byte = bytes.get(i).copied().unwrap_or_default();
            return Err(self.fail(DecodeFailure::Mixed { line, byte }));
        }
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        self.out.extend_from_slice(text.as_bytes());
        Ok(bytes.len())
    }
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
            let want = if self.started { 1 } else { HEAD };
            if !self.at_eof {
                self.fill(want)?;
            }
            if self.carry.is_empty() && self.at_eof {
                if self.utf16.is_some() && !self.utf16_done {
                    // The end of the file tells the decoder no more code units come.
                    self.decode_utf16(&[], 0)?;
                    continue;
                }
                return Ok(0);
            }
            self.decode()?;
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// Where the file's start shows it is not text: a NUL anywhere in it, or control
/// characters making up more than 1 % of it. A story may hold a stray one, which its row
/// reports with line and column.
fn binary_at(head: &[u8]) -> Option<usize> {
    if let Some(i) = head.iter().position(|&b| b == 0) {
        return Some(i);
    }
    let head = &head[..head.len().min(HEAD)];
    let is_control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    let controls = head.iter().filter(|b| is_control(b)).count();
    (controls > 8 && controls * 100 > head.len())
        .then(|| head.iter().position(is_control).unwrap_or(0))
}

/// The first byte of something in Windows-1252 text that can only be UTF-8 read as
/// Windows-1252: `Ã¤` (ä), `Â ` and `â€` (the start of €, – and quotation marks). Other
/// valid UTF-8 pairs occur in real Windows-1252 text (`ß“` is DF 93), so they do not count.
fn utf8_mark(bytes: &[u8]) -> Option<usize> {
    let cont = |b: Option<&u8>| b.is_some_and(|b| (0x80..=0xBF).contains(b));
    (0..bytes.len()).find(|&i| match bytes[i] {
        0xC2 | 0xC3 => cont(bytes.get(i + 1)),
        0xE2 => {
            bytes.get(i + 1).is_some_and(|b| (0x80..=0x84).contains(b)) && cont(bytes.get(i + 2))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> Result<String, DecodeFailure> {
        /// Hands out at most `chunk` bytes per read, to cross every chunk boundary.
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(self.1).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let slot = FailureSlot::default();
        let mut text = String::new();
        match Decoder::new(Trickle(bytes, chunk), slot.clone()).read_to_string(&mut text) {
            Ok(_) => Ok(text),
            Err(_) => Err(slot.borrow().clone().expect("a failure")),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        for chunk in [1, 2, 7, 100_000] {
            assert_eq!(
                decode_all(b"\xEF\xBB\xBFa;\xC3\xA4", chunk).as_deref(),
                Ok("a;ä")
            );
            assert_eq!(
                decode_all("Grüße 😀".as_bytes(), chunk).as_deref(),
                Ok("Grüße 😀")
            );
        }
    }

    #[test]
    fn windows_1252_throughout() {
        // "Grüße – Straße" in Windows-1252, with a typographic dash.
        let bytes = b"Gr\xFC\xDFe \x96 Stra\xDFe\n\xC4rger \x84Zitat\x93";
        for chunk in [1, 3, 100_000] {
            assert_eq!(
                decode_all(bytes, chunk).as_deref(),
                Ok("Grüße – Straße\nÄrger „Zitat“")
            );
        }
    }

    #[test]
    fn one_stray_windows_1252_byte_in_a_utf8_file_is_refused_with_its_line() {
        let mut bytes = "Zeitpunkt;Bewertung\nä;golden\n".as_bytes().to_vec();
        for _ in 0..10_000 {
            bytes.extend_from_slice(b"x;golden\n");
        }
        bytes.extend_from_slice(b"M\xFCller;golden\n");
        for chunk in [5, 100_000] {
            assert_eq!(
                decode_all(&bytes, chunk),
                Err(DecodeFailure::Mixed {
                    line: 10_003,
                    byte: 0xFC
                })
            );
        }
    }

    #[test]
    fn utf8_after_windows_1252_is_refused_too() {
        let bytes = b"a\nM\xFCller\nb\nGr\xC3\xBC\xC3\x9Fe\n";
        assert_eq!(
            decode_all(bytes, 100_000),
            Err(DecodeFailure::Mixed {
                line: 4,
                byte: 0xC3
            })
        );
    }

    #[test]
    fn utf16_with_its_bom_in_either_byte_order() {
        let text = "Zeitpunkt\tBewertung\r\n20.11.2026 10:00\tGold – Grüße 😀\r\n";
        for big_endian in [false, true] {
            let mut bytes = if big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for unit in text.encode_utf16() {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            for chunk in [1, 3, 100_000] {
                assert_eq!(decode_all(&bytes, chunk).as_deref(), Ok(text));
            }
            // Cut inside a code unit: the last byte is no text; nothing is made up for it.
            let cut = &bytes[..bytes.len() - 1];
            for chunk in [1, 100_000] {
                assert_eq!(
                    decode_all(cut, chunk),
                    Err(DecodeFailure::Binary {
                        offset: cut.len() as u64 - 1
                    }),
                    "big endian: {big_endian}, chunk {chunk}"
                );
            }
        }
        // A lone surrogate is refused, not replaced.
        assert_eq!(
            decode_all(b"\xFF\xFEa\0\x00\xD8b\0", 100),
            Err(DecodeFailure::Binary { offset: 4 })
        );
    }

    #[test]
    fn binary_data_is_not_text() {
        assert_eq!(
            decode_all(b"\x89PNG\r\n\x1a\n\0\0", 100),
            Err(DecodeFailure::Binary { offset: 8 })
        );
        let mut late_nul = b"a;b\n".repeat(5000);
        late_nul.push(0);
        assert_eq!(
            decode_all(&late_nul, 100_000),
            Err(DecodeFailure::Binary { offset: 20_000 })
        );
    }
}
