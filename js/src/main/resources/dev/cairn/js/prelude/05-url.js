// URL and URLSearchParams after the WHATWG URL Standard (https://url.spec.whatwg.org/), in pure JS.
//
// Why pure JS: `new URL(request.url)` runs on every request, so a crossing into the host per call
// would cost more than the parse. The parser is the standard's state machine over UTF-16 code
// units (non-ASCII code points only ever get percent-encoded or handed to the host parser, so
// working on code units is equivalent once the input is a well-formed USVString).
//
// Behaviour is pinned to what Node 20 (ada 2.9) does, which the differential tests compare against:
// `^` is not in the path percent-encode set, and spaces in opaque paths are kept as they are.
//
// Not implemented: full UTS #46 (IDNA) mapping and validation. Domains get an approximation of
// its mapping (NFKC + lowercase + the ideographic full stops + dropping the soft hyphen), then
// RFC 3492 punycode per label; "xn--" labels must decode to a non-ASCII label. Exotic IDNA cases
// (joiners, bidi rules, disallowed code points) can therefore differ from browsers.
(function (host, internal) {
  "use strict";

  // ---------------------------------------------------------------- percent-encode sets
  // One bit per set over ASCII; every non-ASCII code point is in every set.
  const SET_C0 = 1, SET_FRAGMENT = 2, SET_QUERY = 4, SET_SPECIAL_QUERY = 8, SET_PATH = 16, SET_USERINFO = 32, SET_COMPONENT = 64, SET_FORM = 128;
  const SETS = new Uint8Array(128);
  (function () {
    const add = (bits, chars) => { for (let i = 0; i < chars.length; i++) SETS[chars.charCodeAt(i)] |= bits; };
    for (let c = 0; c < 0x20; c++) SETS[c] = 0xFF;
    SETS[0x7F] = 0xFF;
    add(SET_FRAGMENT | SET_QUERY | SET_SPECIAL_QUERY | SET_PATH | SET_USERINFO | SET_COMPONENT | SET_FORM, " \"<>");
    add(SET_FRAGMENT, "`");
    add(SET_QUERY | SET_SPECIAL_QUERY | SET_PATH | SET_USERINFO | SET_COMPONENT | SET_FORM, "#");
    add(SET_SPECIAL_QUERY, "'");
    add(SET_PATH | SET_USERINFO | SET_COMPONENT | SET_FORM, "?`{}");
    add(SET_USERINFO | SET_COMPONENT | SET_FORM, "/:;=@[\\]|^");
    add(SET_COMPONENT | SET_FORM, "$%&+,");
    add(SET_FORM, "!'()~");
  })();
  const HEX = "0123456789ABCDEF";

  function pctByte(b) { return "%" + HEX[b >> 4] + HEX[b & 15]; }

  function pctCodePoint(cp) {
    if (cp < 0x80) return pctByte(cp);
    if (cp < 0x800) return pctByte(0xC0 | (cp >> 6)) + pctByte(0x80 | (cp & 63));
    if (cp < 0x10000) return pctByte(0xE0 | (cp >> 12)) + pctByte(0x80 | ((cp >> 6) & 63)) + pctByte(0x80 | (cp & 63));
    return pctByte(0xF0 | (cp >> 18)) + pctByte(0x80 | ((cp >> 12) & 63)) + pctByte(0x80 | ((cp >> 6) & 63)) + pctByte(0x80 | (cp & 63));
  }

  // UTF-8 percent-encodes s (a well-formed string) with the set `bit`; returns s itself when nothing needs encoding.
  function encode(s, bit) {
    const n = s.length;
    let i = 0;
    for (; i < n; i++) { const c = s.charCodeAt(i); if (c >= 0x80 || (SETS[c] & bit) !== 0) break; }
    if (i === n) return s;
    let out = s.slice(0, i), start = i;
    for (; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80 && (SETS[c] & bit) === 0) continue;
      if (start < i) out += s.slice(start, i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00); i++; }
      }
      out += pctCodePoint(c);
      start = i + 1;
    }
    if (start < n) out += s.slice(start);
    return out;
  }

  // application/x-www-form-urlencoded byte serializer: the form set, and space as "+".
  function encodeForm(s) {
    const e = encode(s, SET_FORM);
    return e.indexOf("%20") < 0 ? e : e.split("%20").join("+");
  }

  function toUSV(s) {
    s = String(s);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDFFF) return s.toWellFormed ? s.toWellFormed() : wellFormedSlow(s);
    }
    return s;
  }

  function wellFormedSlow(s) {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out += s[i] + s[i + 1]; i++; continue; }
      }
      out += c >= 0xD800 && c <= 0xDFFF ? "\uFFFD" : s[i];
    }
    return out;
  }

  function hexValue(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  }

  // Percent-decodes the UTF-8 encoding of s, then UTF-8 decodes with replacement; `plus` maps "+" to space first.
  function decode(s, plus) {
    if (s.indexOf("%") < 0) return plus && s.indexOf("+") >= 0 ? s.split("+").join(" ") : s;
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c === 0x25 && i + 2 < s.length && hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0) {
        bytes.push(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
        i += 2;
      } else if (c < 0x80) {
        bytes.push(plus && c === 0x2B ? 0x20 : c);
      } else {
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xDC00 && d <= 0xDFFF) { c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00); i++; }
        }
        if (c < 0x800) bytes.push(0xC0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) bytes.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else bytes.push(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
    }
    return utf8Decode(bytes);
  }

  // The Encoding Standard's UTF-8 decoder: each maximal invalid subpart becomes one U+FFFD.
  function utf8Decode(bytes) {
    let out = "", need = 0, seen = 0, cp = 0, lower = 0x80, upper = 0xBF;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (need === 0) {
        if (b <= 0x7F) out += String.fromCharCode(b);
        else if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) { if (b === 0xE0) lower = 0xA0; if (b === 0xED) upper = 0x9F; need = 2; cp = b & 0xF; }
        else if (b >= 0xF0 && b <= 0xF4) { if (b === 0xF0) lower = 0x90; if (b === 0xF4) upper = 0x8F; need = 3; cp = b & 7; }
        else out += "\uFFFD";
        continue;
      }
      if (b < lower || b > upper) {
        need = seen = cp = 0; lower = 0x80; upper = 0xBF;
        out += "\uFFFD";
        i--;
        continue;
      }
      lower = 0x80; upper = 0xBF;
      cp = (cp << 6) | (b & 0x3F);
      if (++seen === need) { out += String.fromCodePoint(cp); need = seen = cp = 0; }
    }
    if (need !== 0) out += "\uFFFD";
    return out;
  }

  // ---------------------------------------------------------------- hosts
  const SPECIAL = { "ftp": 21, "file": -1, "http": 80, "https": 443, "ws": 80, "wss": 443 };
  function isSpecialScheme(s) { return s === "http" || s === "https" || s === "ws" || s === "wss" || s === "ftp" || s === "file"; }
  function defaultPort(s) { const p = SPECIAL[s]; return p === undefined || p < 0 ? null : p; }

  // Forbidden host code points; forbidden domain code points add C0 controls, "%" and DEL.
  const FORBIDDEN_HOST = new Uint8Array(128);
  const FORBIDDEN_DOMAIN = new Uint8Array(128);
  (function () {
    const f = "\u0000\t\n\r #/:<>?@[\\]^|";
    for (let i = 0; i < f.length; i++) FORBIDDEN_HOST[f.charCodeAt(i)] = FORBIDDEN_DOMAIN[f.charCodeAt(i)] = 1;
    for (let c = 0; c < 0x20; c++) FORBIDDEN_DOMAIN[c] = 1;
    FORBIDDEN_DOMAIN[0x25] = FORBIDDEN_DOMAIN[0x7F] = 1;
  })();

  const FAILURE = null;

  function parseHost(input, isOpaque) {
    if (input.charCodeAt(0) === 0x5B) {
      if (input.charCodeAt(input.length - 1) !== 0x5D) return FAILURE;
      const a = parseIPv6(input.slice(1, -1));
      return a === FAILURE ? FAILURE : "[" + serializeIPv6(a) + "]";
    }
    if (isOpaque) {
      for (let i = 0; i < input.length; i++) { const c = input.charCodeAt(i); if (c < 0x80 && FORBIDDEN_HOST[c] === 1) return FAILURE; }
      return encode(input, SET_C0);
    }
    // Fast path: an already lowercase ASCII domain needs no decoding, mapping or punycode.
    let plain = input.length > 0;
    for (let i = 0; i < input.length && plain; i++) {
      const c = input.charCodeAt(i);
      plain = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c === 0x2D || c === 0x2E;
    }
    if (plain && input.indexOf("xn--") < 0 && !endsInNumber(input)) return input;
    const ascii = domainToASCII(decode(input, false));
    if (ascii === FAILURE) return FAILURE;
    if (endsInNumber(ascii)) {
      const v4 = parseIPv4(ascii);
      return v4 === FAILURE ? FAILURE : serializeIPv4(v4);
    }
    return ascii;
  }

  function domainToASCII(domain) {
    let ascii = true;
    for (let i = 0; i < domain.length; i++) {
      const c = domain.charCodeAt(i);
      if (c >= 0x80) { ascii = false; break; }
    }
    let result;
    if (ascii) {
      result = domain.toLowerCase();
      if (result.indexOf("xn--") >= 0 && !checkPunycodeLabels(result)) return FAILURE;
    } else {
      // UTS #46 approximation, see the file comment.
      const mapped = domain.normalize("NFKC").toLowerCase().normalize("NFC").replace(/[\u3002\uFF0E\uFF61]/g, ".").replace(/\u00AD/g, "");
      if (mapped.indexOf("xn--") >= 0 && !checkPunycodeLabels(mapped)) return FAILURE;
      const labels = mapped.split(".");
      for (let i = 0; i < labels.length; i++) {
        const l = labels[i];
        let nonAscii = false;
        for (let j = 0; j < l.length; j++) if (l.charCodeAt(j) >= 0x80) { nonAscii = true; break; }
        if (nonAscii) {
          const p = punycodeEncode(l);
          if (p === FAILURE) return FAILURE;
          labels[i] = "xn--" + p;
        }
      }
      result = labels.join(".");
    }
    if (result.length === 0) return FAILURE;
    for (let i = 0; i < result.length; i++) {
      const c = result.charCodeAt(i);
      if (c >= 0x80 || FORBIDDEN_DOMAIN[c] === 1) return FAILURE;
    }
    return result;
  }

  function checkPunycodeLabels(domain) {
    const labels = domain.split(".");
    for (const l of labels) {
      if (l.length >= 4 && l.slice(0, 4) === "xn--") {
        const d = punycodeDecode(l.slice(4));
        if (d === FAILURE || d.length === 0) return false;
        let nonAscii = false;
        for (let j = 0; j < d.length; j++) {
          const c = d.charCodeAt(j);
          if (c >= 0x80 && c < 0xA0) return false; // C1 controls are disallowed by UTS #46
          if (c >= 0x80) nonAscii = true;
        }
        if (!nonAscii) return false;
      }
    }
    return true;
  }

  // RFC 3492 punycode with its parameters.
  const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
  function adapt(delta, numPoints, first) {
    delta = first ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) { delta = Math.floor(delta / (BASE - TMIN)); k += BASE; }
    return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
  }
  function digitChar(d) { return String.fromCharCode(d < 26 ? 0x61 + d : 0x16 + d); }

  function punycodeEncode(label) {
    const cps = Array.from(label, (ch) => ch.codePointAt(0));
    let out = "";
    for (const cp of cps) if (cp < 0x80) out += String.fromCharCode(cp);
    const b = out.length;
    let h = b;
    if (b > 0) out += "-";
    let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
    while (h < cps.length) {
      let m = 0x7FFFFFFF;
      for (const cp of cps) if (cp >= n && cp < m) m = cp;
      if ((m - n) * (h + 1) > 0x7FFFFFFF - delta) return FAILURE;
      delta += (m - n) * (h + 1);
      n = m;
      for (const cp of cps) {
        if (cp < n && ++delta > 0x7FFFFFFF) return FAILURE;
        if (cp === n) {
          let q = delta;
          for (let k = BASE; ; k += BASE) {
            const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) break;
            out += digitChar(t + ((q - t) % (BASE - t)));
            q = Math.floor((q - t) / (BASE - t));
          }
          out += digitChar(q);
          bias = adapt(delta, h + 1, h === b);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return out;
  }

  function punycodeDecode(input) {
    const out = [];
    let basic = input.lastIndexOf("-");
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; j++) { const c = input.charCodeAt(j); if (c >= 0x80) return FAILURE; out.push(c); }
    let n = INITIAL_N, i = 0, bias = INITIAL_BIAS;
    for (let idx = basic > 0 ? basic + 1 : 0; idx < input.length;) {
      const oldi = i;
      let w = 1;
      for (let k = BASE; ; k += BASE) {
        if (idx >= input.length) return FAILURE;
        const c = input.charCodeAt(idx++);
        const d = c >= 0x30 && c <= 0x39 ? c - 22 : c >= 0x41 && c <= 0x5A ? c - 0x41 : c >= 0x61 && c <= 0x7A ? c - 0x61 : -1;
        if (d < 0) return FAILURE;
        if (d > Math.floor((0x7FFFFFFF - i) / w)) return FAILURE;
        i += d * w;
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (d < t) break;
        if (w > Math.floor(0x7FFFFFFF / (BASE - t))) return FAILURE;
        w *= BASE - t;
      }
      bias = adapt(i - oldi, out.length + 1, oldi === 0);
      if (Math.floor(i / (out.length + 1)) > 0x7FFFFFFF - n) return FAILURE;
      n += Math.floor(i / (out.length + 1));
      i %= out.length + 1;
      if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) return FAILURE;
      out.splice(i, 0, n);
      i++;
    }
    return String.fromCodePoint.apply(null, out);
  }

  function endsInNumber(s) {
    let end = s.length;
    if (end > 0 && s.charCodeAt(end - 1) === 0x2E) {
      end--;
      if (end === 0) return false;
    }
    const start = s.lastIndexOf(".", end - 1) + 1;
    if (start === end) return false;
    let digits = true;
    for (let i = start; i < end; i++) { const c = s.charCodeAt(i); if (c < 0x30 || c > 0x39) { digits = false; break; } }
    if (digits) return true;
    return parseIPv4Number(s.slice(start, end)) !== FAILURE;
  }

  function parseIPv4Number(s) {
    if (s.length === 0) return FAILURE;
    let radix = 10, i = 0;
    if (s.length >= 2 && s.charCodeAt(0) === 0x30 && (s.charCodeAt(1) | 0x20) === 0x78) { radix = 16; i = 2; }
    else if (s.length >= 2 && s.charCodeAt(0) === 0x30) { radix = 8; i = 1; }
    if (i === s.length) return 0;
    let v = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const d = radix === 16 ? hexValue(c) : c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
      if (d < 0 || d >= radix) return FAILURE;
      v = v * radix + d;
    }
    return v;
  }

  function parseIPv4(s) {
    const parts = s.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return FAILURE;
    const numbers = [];
    for (const p of parts) {
      const n = parseIPv4Number(p);
      if (n === FAILURE) return FAILURE;
      numbers.push(n);
    }
    for (let i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return FAILURE;
    const last = numbers[numbers.length - 1];
    if (last >= Math.pow(256, 5 - numbers.length)) return FAILURE;
    let v = last;
    for (let i = 0; i < numbers.length - 1; i++) v += numbers[i] * Math.pow(256, 3 - i);
    return v;
  }

  function serializeIPv4(v) {
    return Math.floor(v / 16777216) % 256 + "." + Math.floor(v / 65536) % 256 + "." + Math.floor(v / 256) % 256 + "." + v % 256;
  }

  function isDigit(c) { return c >= 0x30 && c <= 0x39; }

  function parseIPv6(s) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0, compress = -1, p = 0;
    const n = s.length;
    if (s.charCodeAt(0) === 0x3A) {
      if (s.charCodeAt(1) !== 0x3A) return FAILURE;
      p += 2;
      compress = ++piece;
    }
    while (p < n) {
      if (piece === 8) return FAILURE;
      if (s.charCodeAt(p) === 0x3A) {
        if (compress >= 0) return FAILURE;
        p++;
        compress = ++piece;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && p < n && hexValue(s.charCodeAt(p)) >= 0) { value = value * 16 + hexValue(s.charCodeAt(p)); p++; length++; }
      if (p < n && s.charCodeAt(p) === 0x2E) {
        if (length === 0) return FAILURE;
        p -= length;
        if (piece > 6) return FAILURE;
        let seen = 0;
        while (p < n) {
          let v4 = -1;
          if (seen > 0) {
            if (s.charCodeAt(p) === 0x2E && seen < 4) p++;
            else return FAILURE;
          }
          if (p >= n || !isDigit(s.charCodeAt(p))) return FAILURE;
          while (p < n && isDigit(s.charCodeAt(p))) {
            const d = s.charCodeAt(p) - 0x30;
            if (v4 < 0) v4 = d;
            else if (v4 === 0) return FAILURE;
            else v4 = v4 * 10 + d;
            if (v4 > 255) return FAILURE;
            p++;
          }
          address[piece] = address[piece] * 0x100 + v4;
          seen++;
          if (seen === 2 || seen === 4) piece++;
        }
        if (seen !== 4) return FAILURE;
        break;
      } else if (p < n && s.charCodeAt(p) === 0x3A) {
        p++;
        if (p >= n) return FAILURE;
      } else if (p < n) return FAILURE;
      address[piece++] = value;
    }
    if (compress >= 0) {
      let swaps = piece - compress;
      piece = 7;
      while (piece !== 0 && swaps > 0) {
        const t = address[piece]; address[piece] = address[compress + swaps - 1]; address[compress + swaps - 1] = t;
        piece--; swaps--;
      }
    } else if (piece !== 8) return FAILURE;
    return address;
  }

  function serializeIPv6(a) {
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = "";
    for (let i = 0; i < 8; i++) {
      if (i === best) { out += i === 0 ? "::" : ":"; i += bestLen - 1; continue; }
      out += a[i].toString(16);
      if (i !== 7) out += ":";
    }
    return out;
  }

  // ---------------------------------------------------------------- the basic URL parser
  const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4, PATH_OR_AUTHORITY = 5,
    RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8, SPECIAL_AUTHORITY_IGNORE_SLASHES = 9,
    AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13, FILE = 14, FILE_SLASH = 15, FILE_HOST = 16,
    PATH_START = 17, PATH = 18, OPAQUE_PATH = 19, QUERY = 20, FRAGMENT_STATE = 21;
  const EOF = -1;

  // A URL record. `path` is an array of segments, or a string when the path is opaque.
  function Record() {
    this.scheme = "";
    this.username = "";
    this.password = "";
    this.host = null;
    this.port = null;
    this.path = [];
    this.query = null;
    this.fragment = null;
  }
  function cloneRecord(r) {
    const c = new Record();
    c.scheme = r.scheme; c.username = r.username; c.password = r.password; c.host = r.host; c.port = r.port;
    c.path = typeof r.path === "string" ? r.path : r.path.slice();
    c.query = r.query; c.fragment = r.fragment;
    return c;
  }

  function isAlpha(c) { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A); }
  function isWindowsDriveLetter(s) { return s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ":" || s[1] === "|"); }
  function isNormalizedWindowsDriveLetter(s) { return s.length === 2 && isAlpha(s.charCodeAt(0)) && s[1] === ":"; }
  // "Starts with a Windows drive letter": two code points that are one, then EOF or one of / \ ? #.
  function startsWithWindowsDriveLetter(s, p) {
    if (s.length - p < 2) return false;
    if (!isAlpha(s.charCodeAt(p))) return false;
    const c1 = s.charCodeAt(p + 1);
    if (c1 !== 0x3A && c1 !== 0x7C) return false;
    if (s.length - p === 2) return true;
    const c2 = s.charCodeAt(p + 2);
    return c2 === 0x2F || c2 === 0x5C || c2 === 0x3F || c2 === 0x23;
  }
  function isSingleDot(s) { return s === "." || (s.length === 3 && s.toLowerCase() === "%2e"); }
  function isDoubleDot(s) {
    if (s === "..") return true;
    if (s.length !== 4 && s.length !== 6) return false;
    const l = s.toLowerCase();
    return l === ".%2e" || l === "%2e." || l === "%2e%2e";
  }
  function shortenPath(url) {
    const path = url.path;
    if (url.scheme === "file" && path.length === 1 && isNormalizedWindowsDriveLetter(path[0])) return;
    path.pop();
  }
  function hasCredentials(url) { return url.username !== "" || url.password !== ""; }

  function stripInput(input) {
    let start = 0, end = input.length;
    while (start < end && input.charCodeAt(start) <= 0x20) start++;
    while (end > start && input.charCodeAt(end - 1) <= 0x20) end--;
    if (start > 0 || end < input.length) input = input.slice(start, end);
    return input;
  }
  function removeTabsAndNewlines(input) {
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c === 0x09 || c === 0x0A || c === 0x0D) return input.replace(/[\t\n\r]/g, "");
    }
    return input;
  }

  // Returns the record, or FAILURE. With a state override, parses into `url` and returns it or FAILURE.
  function basicParse(input, base, url, stateOverride) {
    if (!url) {
      url = new Record();
      input = stripInput(input);
    }
    input = removeTabsAndNewlines(input);
    let state = stateOverride || SCHEME_START;
    let buffer = "", atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const n = input.length;
    for (let p = 0; ; p++) {
      const c = p < n ? input.charCodeAt(p) : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) { buffer += String.fromCharCode(c | 0x20); state = SCHEME; }
          else if (!stateOverride) { state = NO_SCHEME; p--; }
          else return FAILURE;
          break;
        case SCHEME:
          if (isAlpha(c) || isDigit(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
            buffer += c < 0x60 && c >= 0x41 ? String.fromCharCode(c | 0x20) : String.fromCharCode(c);
          } else if (c === 0x3A) {
            if (stateOverride) {
              const urlSpecial = isSpecialScheme(url.scheme), bufSpecial = isSpecialScheme(buffer);
              if (urlSpecial !== bufSpecial) return url;
              if ((hasCredentials(url) || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (stateOverride) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = "";
            const special = isSpecialScheme(url.scheme);
            if (url.scheme === "file") state = FILE;
            else if (special && base && base.scheme === url.scheme) state = SPECIAL_RELATIVE_OR_AUTHORITY;
            else if (special) state = SPECIAL_AUTHORITY_SLASHES;
            else if (input.charCodeAt(p + 1) === 0x2F) { state = PATH_OR_AUTHORITY; p++; }
            else { url.path = ""; state = OPAQUE_PATH; }
          } else if (!stateOverride) {
            buffer = ""; state = NO_SCHEME; p = -1;
          } else return FAILURE;
          break;
        case NO_SCHEME:
          if (!base || (typeof base.path === "string" && c !== 0x23)) return FAILURE;
          if (typeof base.path === "string" && c === 0x23) {
            url.scheme = base.scheme; url.path = base.path; url.query = base.query; url.fragment = ""; state = FRAGMENT_STATE;
          } else if (base.scheme !== "file") { state = RELATIVE; p--; }
          else { state = FILE; p--; }
          break;
        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2F && input.charCodeAt(p + 1) === 0x2F) { state = SPECIAL_AUTHORITY_IGNORE_SLASHES; p++; }
          else { state = RELATIVE; p--; }
          break;
        case PATH_OR_AUTHORITY:
          if (c === 0x2F) state = AUTHORITY;
          else { state = PATH; p--; }
          break;
        case RELATIVE: {
          url.scheme = base.scheme;
          const special = isSpecialScheme(url.scheme);
          if (c === 0x2F || (special && c === 0x5C)) state = RELATIVE_SLASH;
          else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            url.path = base.path.slice(); url.query = base.query;
            if (c === 0x3F) { url.query = ""; state = QUERY; }
            else if (c === 0x23) { url.fragment = ""; state = FRAGMENT_STATE; }
            else if (c !== EOF) { url.query = null; shortenPath(url); state = PATH; p--; }
          }
          break;
        }
        case RELATIVE_SLASH:
          if (isSpecialScheme(url.scheme) && (c === 0x2F || c === 0x5C)) state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          else if (c === 0x2F) state = AUTHORITY;
          else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            state = PATH; p--;
          }
          break;
        case SPECIAL_AUTHORITY_SLASHES:
          if (c === 0x2F && input.charCodeAt(p + 1) === 0x2F) { state = SPECIAL_AUTHORITY_IGNORE_SLASHES; p++; }
          else { state = SPECIAL_AUTHORITY_IGNORE_SLASHES; p--; }
          break;
        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2F && c !== 0x5C) { state = AUTHORITY; p--; }
          break;
        case AUTHORITY: {
          // Scan to the end of the authority, then split userinfo at the last "@".
          const special = isSpecialScheme(url.scheme);
          let end = p;
          for (; end < n; end++) {
            const d = input.charCodeAt(end);
            if (d === 0x2F || d === 0x3F || d === 0x23 || (special && d === 0x5C)) break;
          }
          const at = input.lastIndexOf("@", end - 1);
          if (at >= p) {
            if (at + 1 === end) return FAILURE;
            const userinfo = input.slice(p, at);
            const colon = userinfo.indexOf(":");
            if (colon < 0) url.username += encode(userinfo, SET_USERINFO);
            else {
              url.username += encode(userinfo.slice(0, colon), SET_USERINFO);
              url.password += encode(userinfo.slice(colon + 1), SET_USERINFO);
            }
            p = at;
          } else p--;
          state = HOST;
          break;
        }
        case HOST:
        case HOSTNAME:
          if (stateOverride && url.scheme === "file") { p--; state = FILE_HOST; }
          else if (c === 0x3A && !insideBrackets) {
            if (buffer === "") return FAILURE;
            if (stateOverride === HOSTNAME) return FAILURE;
            const h = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (h === FAILURE) return FAILURE;
            url.host = h; buffer = ""; state = PORT;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (c === 0x5C && isSpecialScheme(url.scheme))) {
            p--;
            if (isSpecialScheme(url.scheme) && buffer === "") return FAILURE;
            if (stateOverride && buffer === "" && (hasCredentials(url) || url.port !== null)) return FAILURE;
            const h = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (h === FAILURE) return FAILURE;
            url.host = h; buffer = ""; state = PATH_START;
            if (stateOverride) return url;
          } else {
            if (c === 0x5B) insideBrackets = true;
            if (c === 0x5D) insideBrackets = false;
            // Take the run of code points that need no decision at once.
            let end = p + 1;
            for (; end < n; end++) {
              const d = input.charCodeAt(end);
              if (d === 0x3A || d === 0x5B || d === 0x5D || d === 0x2F || d === 0x3F || d === 0x23 || d === 0x5C) break;
            }
            buffer += input.slice(p, end);
            p = end - 1;
          }
          break;
        case PORT:
          if (isDigit(c)) buffer += input[p];
          else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (c === 0x5C && isSpecialScheme(url.scheme)) || stateOverride) {
            if (buffer !== "") {
              let port = 0;
              for (let i = 0; i < buffer.length; i++) {
                port = port * 10 + buffer.charCodeAt(i) - 0x30;
                if (port > 65535) return FAILURE;
              }
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = "";
              if (stateOverride) return url;
            }
            if (stateOverride) return FAILURE;
            state = PATH_START; p--;
          } else return FAILURE;
          break;
        case FILE:
          url.scheme = "file";
          url.host = "";
          if (c === 0x2F || c === 0x5C) state = FILE_SLASH;
          else if (base && base.scheme === "file") {
            url.host = base.host; url.path = base.path.slice(); url.query = base.query;
            if (c === 0x3F) { url.query = ""; state = QUERY; }
            else if (c === 0x23) { url.fragment = ""; state = FRAGMENT_STATE; }
            else if (c !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(input, p)) shortenPath(url);
              else url.path = [];
              state = PATH; p--;
            }
          } else { state = PATH; p--; }
          break;
        case FILE_SLASH:
          if (c === 0x2F || c === 0x5C) state = FILE_HOST;
          else {
            if (base && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(input, p) && base.path.length > 0 && isNormalizedWindowsDriveLetter(base.path[0])) url.path.push(base.path[0]);
            }
            state = PATH; p--;
          }
          break;
        case FILE_HOST:
          if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
            p--;
            if (!stateOverride && isWindowsDriveLetter(buffer)) state = PATH;
            else if (buffer === "") {
              url.host = "";
              if (stateOverride) return url;
              state = PATH_START;
            } else {
              let h = parseHost(buffer, !isSpecialScheme(url.scheme));
              if (h === FAILURE) return FAILURE;
              if (h === "localhost") h = "";
              url.host = h;
              if (stateOverride) return url;
              buffer = ""; state = PATH_START;
            }
          } else buffer += input[p];
          break;
        case PATH_START:
          if (isSpecialScheme(url.scheme)) {
            state = PATH;
            if (c !== 0x2F && c !== 0x5C) p--;
          } else if (!stateOverride && c === 0x3F) { url.query = ""; state = QUERY; }
          else if (!stateOverride && c === 0x23) { url.fragment = ""; state = FRAGMENT_STATE; }
          else if (c !== EOF) { state = PATH; if (c !== 0x2F) p--; }
          else if (stateOverride && url.host === null) url.path.push("");
          break;
        case PATH: {
          // Take the whole segment at once, then handle its terminator.
          const special = isSpecialScheme(url.scheme);
          let end = p;
          for (; end < n; end++) {
            const d = input.charCodeAt(end);
            if (d === 0x2F || (special && d === 0x5C) || (!stateOverride && (d === 0x3F || d === 0x23))) break;
          }
          if (end > p) buffer += encode(input.slice(p, end), SET_PATH);
          p = end;
          const t = p < n ? input.charCodeAt(p) : EOF;
          const slash = t === 0x2F || (special && t === 0x5C);
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (!slash) url.path.push("");
          } else if (isSingleDot(buffer)) {
            if (!slash) url.path.push("");
          } else {
            if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer)) buffer = buffer[0] + ":";
            url.path.push(buffer);
          }
          buffer = "";
          if (t === 0x3F) { url.query = ""; state = QUERY; }
          else if (t === 0x23) { url.fragment = ""; state = FRAGMENT_STATE; }
          break;
        }
        case OPAQUE_PATH: {
          let end = p;
          for (; end < n; end++) { const d = input.charCodeAt(end); if (d === 0x3F || d === 0x23) break; }
          if (end > p) url.path += encode(input.slice(p, end), SET_C0);
          p = end;
          if (p < n) {
            if (input.charCodeAt(p) === 0x3F) { url.query = ""; state = QUERY; }
            else { url.fragment = ""; state = FRAGMENT_STATE; }
          }
          break;
        }
        case QUERY: {
          let end = p;
          if (!stateOverride) { end = input.indexOf("#", p); if (end < 0) end = n; }
          else end = n;
          url.query += encode(input.slice(p, end), isSpecialScheme(url.scheme) ? SET_SPECIAL_QUERY : SET_QUERY);
          p = end;
          if (p < n) { url.fragment = ""; state = FRAGMENT_STATE; }
          break;
        }
        case FRAGMENT_STATE:
          if (p < n) { url.fragment += encode(input.slice(p), SET_FRAGMENT); p = n; }
          break;
      }
      // The standard: terminate once a run ends with the pointer on EOF, else advance.
      if (p >= n) break;
    }
    return url;
  }

  // ---------------------------------------------------------------- serializers
  function serializePath(url) {
    if (typeof url.path === "string") return url.path;
    let out = "";
    for (let i = 0; i < url.path.length; i++) out += "/" + url.path[i];
    return out;
  }
  function serialize(url, excludeFragment) {
    let out = url.scheme + ":";
    if (url.host !== null) {
      out += "//";
      if (url.username !== "" || url.password !== "") {
        out += url.username;
        if (url.password !== "") out += ":" + url.password;
        out += "@";
      }
      out += url.host;
      if (url.port !== null) out += ":" + url.port;
    } else if (typeof url.path !== "string" && url.path.length > 1 && url.path[0] === "") out += "/.";
    out += serializePath(url);
    if (url.query !== null) out += "?" + url.query;
    if (!excludeFragment && url.fragment !== null) out += "#" + url.fragment;
    return out;
  }
  function origin(url) {
    switch (url.scheme) {
      case "blob": {
        if (typeof url.path !== "string") return "null";
        const inner = basicParse(url.path, null);
        return inner !== FAILURE && (inner.scheme === "http" || inner.scheme === "https") ? origin(inner) : "null";
      }
      case "ftp": case "http": case "https": case "ws": case "wss":
        return url.scheme + "://" + url.host + (url.port !== null ? ":" + url.port : "");
      default:
        return "null";
    }
  }
  function stripTrailingSpacesFromOpaquePath(url) {
    if (typeof url.path !== "string" || url.fragment !== null || url.query !== null) return;
    let end = url.path.length;
    while (end > 0 && url.path.charCodeAt(end - 1) === 0x20) end--;
    url.path = url.path.slice(0, end);
  }
  function cannotHaveCredentialsOrPort(url) { return url.host === null || url.host === "" || url.scheme === "file"; }

  // ---------------------------------------------------------------- form-urlencoded
  function parseForm(s) {
    const list = [];
    if (s === "") return list;
    const parts = s.split("&");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === "") continue;
      const eq = part.indexOf("=");
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? "" : part.slice(eq + 1);
      list.push([decode(name, true), decode(value, true)]);
    }
    return list;
  }
  function serializeForm(list) {
    let out = "";
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += "&";
      out += encodeForm(list[i][0]) + "=" + encodeForm(list[i][1]);
    }
    return out;
  }

  // ---------------------------------------------------------------- the API
  let recordOf, setRecord, newLinkedParams, paramsListSet;

  function parseOrThrow(url, base) {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSV(base), null);
      if (baseRecord === FAILURE) throw new TypeError("Invalid URL");
    }
    const r = basicParse(toUSV(url), baseRecord);
    if (r === FAILURE) throw new TypeError("Invalid URL");
    return r;
  }

  class URL {
    #r;
    #params = null;
    constructor(url, base = undefined) {
      if (arguments.length < 1) throw new TypeError("Failed to construct 'URL': 1 argument required, but only 0 present.");
      this.#r = parseOrThrow(url, base);
    }
    static canParse(url, base = undefined) {
      try { parseOrThrow(url, base); return true; } catch (e) { return false; }
    }
    static parse(url, base = undefined) {
      try { return new URL(url, base); } catch (e) { return null; }
    }
    get href() { return serialize(this.#r, false); }
    set href(v) {
      const r = basicParse(toUSV(v), null);
      if (r === FAILURE) throw new TypeError("Invalid URL");
      this.#r = r;
      if (this.#params !== null) paramsListSet(this.#params, r.query === null ? [] : parseForm(r.query));
    }
    get origin() { return origin(this.#r); }
    get protocol() { return this.#r.scheme + ":"; }
    set protocol(v) { basicParse(toUSV(v) + ":", null, this.#r, SCHEME_START); }
    get username() { return this.#r.username; }
    set username(v) {
      if (cannotHaveCredentialsOrPort(this.#r)) return;
      this.#r.username = encode(toUSV(v), SET_USERINFO);
    }
    get password() { return this.#r.password; }
    set password(v) {
      if (cannotHaveCredentialsOrPort(this.#r)) return;
      this.#r.password = encode(toUSV(v), SET_USERINFO);
    }
    get host() {
      const r = this.#r;
      if (r.host === null) return "";
      return r.port === null ? r.host : r.host + ":" + r.port;
    }
    set host(v) {
      if (typeof this.#r.path === "string") return;
      basicParse(toUSV(v), null, this.#r, HOST);
    }
    get hostname() { return this.#r.host === null ? "" : this.#r.host; }
    set hostname(v) {
      if (typeof this.#r.path === "string") return;
      basicParse(toUSV(v), null, this.#r, HOSTNAME);
    }
    get port() { return this.#r.port === null ? "" : String(this.#r.port); }
    set port(v) {
      if (cannotHaveCredentialsOrPort(this.#r)) return;
      v = toUSV(v);
      if (v === "") this.#r.port = null;
      else basicParse(v, null, this.#r, PORT);
    }
    get pathname() { return serializePath(this.#r); }
    set pathname(v) {
      if (typeof this.#r.path === "string") return;
      const copy = cloneRecord(this.#r);
      copy.path = [];
      if (basicParse(toUSV(v), null, copy, PATH_START) !== FAILURE) this.#r = copy;
    }
    get search() { const q = this.#r.query; return q === null || q === "" ? "" : "?" + q; }
    set search(v) {
      v = toUSV(v);
      const r = this.#r;
      if (v === "") {
        r.query = null;
        if (this.#params !== null) paramsListSet(this.#params, []);
        stripTrailingSpacesFromOpaquePath(r);
        return;
      }
      const input = v.charCodeAt(0) === 0x3F ? v.slice(1) : v;
      r.query = "";
      basicParse(input, null, r, QUERY);
      if (this.#params !== null) paramsListSet(this.#params, parseForm(input));
    }
    get searchParams() {
      if (this.#params === null) this.#params = newLinkedParams(this);
      return this.#params;
    }
    get hash() { const f = this.#r.fragment; return f === null || f === "" ? "" : "#" + f; }
    set hash(v) {
      v = toUSV(v);
      const r = this.#r;
      if (v === "") { r.fragment = null; stripTrailingSpacesFromOpaquePath(r); return; }
      r.fragment = "";
      basicParse(v.charCodeAt(0) === 0x23 ? v.slice(1) : v, null, r, FRAGMENT_STATE);
    }
    toString() { return serialize(this.#r, false); }
    toJSON() { return serialize(this.#r, false); }

    static {
      recordOf = (u) => u.#r;
      setRecord = (u, r) => { u.#r = r; };
    }
  }

  class URLSearchParams {
    #list;
    #url = null;
    constructor(init = undefined) {
      if (init === undefined) { this.#list = []; return; }
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iter = init[Symbol.iterator];
        if (iter !== undefined && iter !== null) {
          if (typeof iter !== "function") throw new TypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
          const list = [];
          for (const pair of init) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function") || typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
            }
            const items = Array.from(pair);
            if (items.length !== 2) throw new TypeError("Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
            list.push([toUSV(items[0]), toUSV(items[1])]);
          }
          this.#list = list;
        } else {
          const list = [];
          for (const key of Reflect.ownKeys(init)) {
            if (typeof key !== "string") continue;
            const d = Reflect.getOwnPropertyDescriptor(init, key);
            if (d === undefined || !d.enumerable) continue;
            list.push([toUSV(key), toUSV(init[key])]);
          }
          this.#list = list;
        }
        return;
      }
      let s = toUSV(init);
      if (s.charCodeAt(0) === 0x3F) s = s.slice(1);
      this.#list = parseForm(s);
    }
    #update() {
      const url = this.#url;
      if (url === null) return;
      const r = recordOf(url);
      const s = serializeForm(this.#list);
      r.query = s === "" ? null : s;
      if (s === "") stripTrailingSpacesFromOpaquePath(r);
    }
    get size() { return this.#list.length; }
    append(name, value) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'append' on 'URLSearchParams': 2 arguments required.");
      this.#list.push([toUSV(name), toUSV(value)]);
      this.#update();
    }
    delete(name, value = undefined) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'delete' on 'URLSearchParams': 1 argument required.");
      name = toUSV(name);
      if (value === undefined) this.#list = this.#list.filter((p) => p[0] !== name);
      else { value = toUSV(value); this.#list = this.#list.filter((p) => p[0] !== name || p[1] !== value); }
      this.#update();
    }
    get(name) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'get' on 'URLSearchParams': 1 argument required.");
      name = toUSV(name);
      for (const p of this.#list) if (p[0] === name) return p[1];
      return null;
    }
    getAll(name) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'getAll' on 'URLSearchParams': 1 argument required.");
      name = toUSV(name);
      const out = [];
      for (const p of this.#list) if (p[0] === name) out.push(p[1]);
      return out;
    }
    has(name, value = undefined) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'has' on 'URLSearchParams': 1 argument required.");
      name = toUSV(name);
      if (value === undefined) return this.#list.some((p) => p[0] === name);
      value = toUSV(value);
      return this.#list.some((p) => p[0] === name && p[1] === value);
    }
    set(name, value) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'set' on 'URLSearchParams': 2 arguments required.");
      name = toUSV(name); value = toUSV(value);
      const out = [];
      let found = false;
      for (const p of this.#list) {
        if (p[0] !== name) out.push(p);
        else if (!found) { found = true; out.push([name, value]); }
      }
      if (!found) out.push([name, value]);
      this.#list = out;
      this.#update();
    }
    sort() {
      // Array.prototype.sort is stable; < on strings compares UTF-16 code units.
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'.");
      for (let i = 0; i < this.#list.length; i++) {
        const p = this.#list[i];
        callback.call(thisArg, p[1], p[0], this);
      }
    }
    keys() { return this.#iterate(0); }
    values() { return this.#iterate(1); }
    entries() { return this.#iterate(2); }
    [Symbol.iterator]() { return this.#iterate(2); }
    *#iterate(kind) {
      for (let i = 0; i < this.#list.length; i++) {
        const p = this.#list[i];
        yield kind === 0 ? p[0] : kind === 1 ? p[1] : [p[0], p[1]];
      }
    }
    toString() { return serializeForm(this.#list); }

    static {
      newLinkedParams = (url) => {
        const q = recordOf(url).query;
        const sp = new URLSearchParams();
        sp.#list = q === null ? [] : parseForm(q);
        sp.#url = url;
        return sp;
      };
      paramsListSet = (sp, list) => { sp.#list = list; };
    }
  }

  // WebIDL attributes and operations are enumerable; classes make them non-enumerable.
  for (const C of [URL, URLSearchParams]) {
    for (const key of Reflect.ownKeys(C.prototype)) {
      if (key === "constructor") continue;
      const d = Reflect.getOwnPropertyDescriptor(C.prototype, key);
      if (typeof key === "string") { d.enumerable = true; Reflect.defineProperty(C.prototype, key, d); }
    }
    Reflect.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  }
  for (const key of ["canParse", "parse"]) {
    const d = Reflect.getOwnPropertyDescriptor(URL, key);
    d.enumerable = true;
    Reflect.defineProperty(URL, key, d);
  }

  Reflect.defineProperty(globalThis, "URL", { value: URL, writable: true, enumerable: false, configurable: true });
  Reflect.defineProperty(globalThis, "URLSearchParams", { value: URLSearchParams, writable: true, enumerable: false, configurable: true });
})
