package dev.cairn.js.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The inputs the differential test feeds to both Node and our URL: hand-picked, systematic and seeded random. */
final class UrlCases {
  private UrlCases() {}

  /** An input and an optional base (null: none). */
  record Parse(String input, String base) {}

  /** A setter applied to a freshly parsed URL. */
  record Setter(String url, String name, String value) {}

  static final String HTTP_BASE = "http://user:pw@example.org:81/dir/file.html?query#frag";
  static final String FILE_BASE = "file:///C:/dir/file.txt";
  static final String NON_SPECIAL_BASE = "sc://host/a/b?q";
  static final String OPAQUE_BASE = "sc:opaque path?q#f";

  private static final String[] ABSOLUTE = {
    "http://example.com/", "HTTP://EXAMPLE.COM/A?B#C", "https://example.com:443/", "https://example.com:444/",
    "http://example.com:80/", "http://example.com:0/", "http://example.com:65535/", "http://example.com:65536/",
    "http://example.com:/", "http://example.com:8a/", "ws://h:80/", "wss://h:443/x", "ftp://h:21/", "ftp://h:22/",
    "http://a:b@c/", "http://a:b:c@d/", "http://@h/", "http://:@h/", "http://a@b@c/", "http://a b:c d@h/",
    "http://ü:ö@h/", "http://%41:%42@h/", "http://u;=[]@h/", "http://user@/", "http://@/", "http:@h", "http:/@h",
    "http://h/a/../b/./c", "http://h/a/%2e%2E/b", "http://h/a/.%2e/b", "http://h/a/%2E/b", "http://h/..", "http://h/../../x",
    "http://h/a/..", "http://h/a/.", "http://h/a/%2e", "http:\\\\h\\a\\b", "http:/\\h/x", "http:h/x", "http:/h/x",
    "http:///h/x", "https:////h/x", "http://h/a b/c<d>\"e`f{g}h^i|j", "http://h/ä/€/𝄞", "http://h/?a b'c\"d<e>f`",
    "http://h/#a b'c\"d<e>f`", "http://h/?ä#ä", "http://h/%zz%4g%", "http://h/\u0000\u001f\u007f", "http://h/?q\u007f#\u007f",
    "  http://h/ \n", "\t\nht\ttp://h\n/\tx", "http://h\t.com/", "http://h/\ud800", "http://h/?\udfff", "http://h/#\ud83d",
    "http://[::1]/", "http://[::]/", "http://[0:0:0:0:0:0:0:1]/", "http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:0:2:0:0:3]/",
    "http://[1:2:3:4:5:6:7:8]/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[1::2::3]/", "http://[::ffff:1.2.3.4]/",
    "http://[::ffff:1.2.3]/", "http://[::ffff:1.2.3.256]/", "http://[::1.2.3.4]/", "http://[1:2:3:4:5:6:1.2.3.4]/",
    "http://[1:2:3:4:5:6:7:1.2.3.4]/", "http://[::01.2.3.4]/", "http://[ABCD::EF]/", "http://[:1]/", "http://[1:]/",
    "http://[12345::]/", "http://[0::0:0:1]:80/", "http://[::1/", "http://[::1]x/", "http://[g::]/", "http://[::1%25eth0]/",
    "http://0x7f.0.0.1/", "http://0x7F000001/", "http://2130706433/", "http://017700000001/", "http://127.1/",
    "http://127.0.1/", "http://1.2.3.4./", "http://1.2.3.4../", "http://1.2.3.4.5/", "http://256.0.0.1/", "http://1.256/",
    "http://1.65536/", "http://1.2.65536/", "http://1.2.256/", "http://4294967295/", "http://4294967296/", "http://0x100000000/",
    "http://0x/", "http://0x.0x.0/", "http://09/", "http://08.1/", "http://0xg/", "http://1.2.3.0x/", "http://a.1/",
    "http://1.a/", "http://a.0x1/", "http://999999999999999999999/", "http://0..0x300/", "http://.1/",
    "http://EXAMPLE.com./", "http://ex%41mple.com/", "http://ex%2Fmple/", "http://%31%32%37.0.0.1/", "http://a%00b/",
    "http://a%zz/", "http://a<b/", "http://a^b/", "http://a|b/", "http://a%25b/", "http://a b/", "http://a#b/",
    "http://münchen.de/", "http://MÜNCHEN.de/", "http://faß.de/", "http://日本語.jp/", "http://xn--mnchen-3ya.de/",
    "http://xn--/", "http://xn--a/", "http://ＥＸＡＭＰＬＥ.com/", "http://a\u3002b/", "http://例え.テスト/パス?クエリ#断片",
    "http://ex\u00adample/", "http://💩.la/", "http://localhost/", "http://LOCALHOST:80/", "http://h:00080/",
    "sc://h/", "sc://H/", "sc://h:80/", "sc://h:/", "sc://u:p@h:1/p?q#f", "sc://h/a/../b", "sc://h\\a\\b", "sc:\\\\h\\a",
    "sc://ä/", "sc://%41/", "sc://a b/", "sc://a<b/", "sc://[::1]/", "sc://[x]/", "sc://@h/", "sc:///p", "sc:////p",
    "sc://", "sc:", "sc:/", "sc:/.//p", "sc:/..//p", "sc:a/..//p", "sc:opaque", "sc:op aque ?x #y", "sc:\u0000\u007f ä",
    "mailto:User@Example.COM", "data:text/html,<b>x</b>", "javascript:alert(1)", "about:blank", "blob:https://a.com:443/uuid",
    "blob:http://h/x", "blob:ftp://h/x", "blob:sc://h/x", "blob:bad", "urn:isbn:123", "tel:+1 (555)", "a+b-c.d:x",
    "1a:x", "+a:x", ":x", "", " ", "//", "http://", "http:", "https:", "file:", "ws:", "ftp:",
    "file:///C:/x/../..", "file:///C|/x", "file:C:/x", "file:/C:/x", "file://C:/x", "file:///c:/x/../../..", "file:///C:",
    "file://host/share/x", "file://localhost/x", "file://LOCALHOST/x", "file://host:80/x", "file://u@h/x", "file:///a/../../b",
    "file:\\\\h\\x", "file:..", "file:/..", "file:///%2e%2e/x", "file://ü/x", "file://1.2.3/x", "file://[::1]/x",
    "file:///C%3A/x", "file:///C%7C/x", "file:x?y#z", "file://h/C:/x", "FILE:///X",
  };

  private static final String[][] RELATIVE = {
    {"x", HTTP_BASE}, {"./x", HTTP_BASE}, {"../x", HTTP_BASE}, {"../../../../x", HTTP_BASE}, {"/x", HTTP_BASE},
    {"//x/y", HTTP_BASE}, {"///x", HTTP_BASE}, {"\\x", HTTP_BASE}, {"\\\\x\\y", HTTP_BASE}, {"?y", HTTP_BASE},
    {"#g", HTTP_BASE}, {"", HTTP_BASE}, {" ", HTTP_BASE}, {"..", HTTP_BASE}, {".", HTTP_BASE}, {"%2e%2e", HTTP_BASE},
    {"http:x", HTTP_BASE}, {"http:/x", HTTP_BASE}, {"http://x", HTTP_BASE}, {"https:x", HTTP_BASE}, {"HTTP:x", HTTP_BASE},
    {"sc:x", HTTP_BASE}, {"a:b", HTTP_BASE}, {"x?y#z", HTTP_BASE}, {"ä b", HTTP_BASE}, {"//ü/", HTTP_BASE},
    {"//:80", HTTP_BASE}, {"//h:99999", HTTP_BASE}, {"//u@", HTTP_BASE}, {"x", FILE_BASE}, {"../../..", FILE_BASE},
    {"/x", FILE_BASE}, {"//x", FILE_BASE}, {"D:/y", FILE_BASE}, {"/D:/y", FILE_BASE}, {"?q", FILE_BASE}, {"#h", FILE_BASE},
    {"", FILE_BASE}, {"file:z", FILE_BASE}, {"file:/z", FILE_BASE}, {"\\z", FILE_BASE}, {"C|", FILE_BASE}, {"C|/", FILE_BASE},
    {"x", "file://host/a/b"}, {"/x", "file://host/a/b"}, {"x", NON_SPECIAL_BASE}, {"../x", NON_SPECIAL_BASE},
    {"\\x", NON_SPECIAL_BASE}, {"//h2/x", NON_SPECIAL_BASE}, {"?z", NON_SPECIAL_BASE}, {"", NON_SPECIAL_BASE},
    {"x", OPAQUE_BASE}, {"#z", OPAQUE_BASE}, {"?z", OPAQUE_BASE}, {"", OPAQUE_BASE}, {"x", "bad base"},
    {"http://ok/", "bad base"}, {"x", "mailto:a"}, {"#x", "mailto:a"}, {"x", "sc:/a/b"}, {"x", "sc://h"},
    {"x", "http://[::1]:8080/a"}, {"//h", "wss://a/"}, {"/\\h", "ftp://a/"}, {"a//b/../c", HTTP_BASE},
  };

  private static final String[] HOSTS = {
    "example.com", "EXAMPLE.com", "0x7f.1", "127.0.0.1", "1.2.3", "[::1]", "[1:2::3]", "[::ffff:1.2.3.4]", "ex%41mple.com",
    "münchen.de", "a b", "", "xn--nxasmq6b", "1.2.3.256", "0377.1", "host.", "c:", "localhost", "a..b", "%E2%98%83",
    "[::]", "0", "0.0.0.0", "x.0x", "x.09",
  };

  private static final String[] SCHEMES = {"http:", "https:", "HTTP:", "file:", "ws:", "wss:", "ftp:", "sc:", "mailto:", "data:", "javascript:", "blob:", "", "Sc:"};
  private static final String[] SLASHES = {"//", "/", "\\\\", "", "///", "/\\"};
  private static final String[] USERINFO = {"", "", "", "u@", "u:p@", "@", "a:b:c@", "%41@", "ü@", "u@x@", ":@"};
  private static final String[] PORTS = {"", "", "", ":80", ":443", ":0", ":65535", ":65536", ":8080", ":", ":a", ":21"};
  private static final String[] PATHS = {"", "/", "/a/b", "/a/../b", "/./x", "/%2e%2E/x", "\\a\\b", "/ä ö", "/C:/x", "/a?b", "//x", "/..", "/a/.%2e", "/C|", "/{}`^"};
  private static final String[] QUERIES = {"", "", "?", "?a=b", "?a b'c", "?ü=%zz", "?#", "?a=1&b=2&a=3"};
  private static final String[] FRAGMENTS = {"", "", "#", "#f", "#a b`", "#ü"};
  private static final String[] BASES = {null, null, null, HTTP_BASE, FILE_BASE, NON_SPECIAL_BASE, OPAQUE_BASE};

  static List<Parse> parses(long seed, int randomCount) {
    List<Parse> out = new ArrayList<>();
    for (String s : ABSOLUTE) out.add(new Parse(s, null));
    for (String[] r : RELATIVE) out.add(new Parse(r[0], r[1]));
    for (String h : HOSTS) {
      out.add(new Parse("http://" + h + "/p", null));
      out.add(new Parse("sc://" + h + "/p", null));
      out.add(new Parse("file://" + h + "/p", null));
      out.add(new Parse("//" + h + ":8080", HTTP_BASE));
    }
    Random random = new Random(seed);
    for (int i = 0; i < randomCount; i++) {
      String input = pick(random, SCHEMES) + pick(random, SLASHES) + pick(random, USERINFO) + pick(random, HOSTS)
          + pick(random, PORTS) + pick(random, PATHS) + pick(random, QUERIES) + pick(random, FRAGMENTS);
      out.add(new Parse(input, pick(random, BASES)));
    }
    return out;
  }

  static final String[] PARAMS = {
    "", "?", "??", "a=b", "?a=b&c=d", "a=b&a=c&b=d", "a", "a=", "=b", "=", "&&&", "a=b=c", "a+b=c+d", "a%20b=c%2Bd",
    "%zz=%4", "%C3%A4=%E2%82%AC", "%C3=%80", "%F0%9F%98=x", "%ED%A0%80=y", "%FF%FE", "ä=ö", "a=1&b=2&a=3&c=4&b=5",
    "z=1&a=2&z=0&a=1&b", "\u00e9=1&e=2&\ud83d\ude00=3&\uff41=4", "a\u0000b=c", "!'()~*-._=x", "a&b&c", "%2B=%26&%3D=%25",
    "x=a b\nc", "🍕=%F0%9F%8D%95", "a=%%%", "b=%2",
  };

  static List<Setter> setters() {
    String[] urls = {
      "http://u:p@a.com:8080/p?q#h", "https://a.com/", "file:///C:/x", "file://host/x", "sc://h/p?q", "mailto:x@y",
      "sc:op ?q", "sc:op #h", "ws://a/", "http://a/", "sc:/p", "http://[::1]/",
    };
    String[][] values = {
      {"protocol", "https"}, {"protocol", "ws:"}, {"protocol", "file"}, {"protocol", "sc"}, {"protocol", "ftp:"},
      {"protocol", "HTTP"}, {"protocol", "1x"}, {"protocol", "s c"}, {"protocol", "http:ignored"},
      {"host", "b.com"}, {"host", "b.com:81"}, {"host", "[::1]:2"}, {"host", ""}, {"host", "a b"}, {"host", "x:65536"},
      {"host", "c:"}, {"host", "ü.de:80"}, {"host", "h/x"}, {"host", "h?x"}, {"host", "h#x"}, {"host", "0x7f.1:99"},
      {"hostname", "c.org"}, {"hostname", "c:1"}, {"hostname", ""}, {"hostname", "ü.de"}, {"hostname", "[::2]"},
      {"hostname", "h/x"},
      {"port", "8080"}, {"port", "80"}, {"port", ""}, {"port", "abc"}, {"port", "99999"}, {"port", "12ab"}, {"port", "443"},
      {"port", " 1"}, {"port", "0"},
      {"pathname", "/x/y"}, {"pathname", "a b"}, {"pathname", "../.."}, {"pathname", "/ü?#"}, {"pathname", "\\x"},
      {"pathname", ""}, {"pathname", "//x"}, {"pathname", "C|/d"},
      {"search", "a=b"}, {"search", "?x"}, {"search", ""}, {"search", "#q"}, {"search", "ü '"}, {"search", "?"},
      {"hash", "x"}, {"hash", "#y"}, {"hash", ""}, {"hash", "a b`"}, {"hash", "#"},
      {"username", "us er"}, {"username", ""}, {"username", ":@/"}, {"password", "pw"}, {"password", "p@ss"}, {"password", ""},
      {"href", "http://new/"}, {"href", "bad"}, {"href", "sc:x"},
    };
    List<Setter> out = new ArrayList<>();
    for (String u : urls) for (String[] v : values) out.add(new Setter(u, v[0], v[1]));
    return out;
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }
}
