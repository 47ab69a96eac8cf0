package dev.cairn.core.cron;

import java.util.List;
import java.util.Locale;

/**
 * One of the five fields of a cron expression, and the parser for its text. A parsed field is a
 * bit mask: bit {@code v} is set when value {@code v} matches. Every field's values fit in one
 * {@code long}, so matching is a shift and finding the next match is a count of trailing zeros.
 *
 * <p>Grammar of a field: a comma-separated list of items; an item is {@code *}, a value, or a range
 * {@code a-b}, optionally followed by {@code /step}. A value alone with a step ({@code 5/15}) means
 * from that value to the end of the field's range, as in cronie. Names are accepted where the field
 * has them (case-insensitive), also as range ends ({@code MON-FRI}). Ranges do not wrap around:
 * {@code 22-2} is an error, write {@code 22-23,0-2}.
 */
enum CronField {
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH("month", 1, 12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  /** 0 and 7 are both Sunday; bit 7 is folded onto bit 0 after parsing. */
  DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  /** Longest run of digits read as a number; longer is reported as out of range, never overflows. */
  private static final int DIGITS_MAX = 6;

  private final String label;
  private final int min;
  private final int max;
  /** Names in order: {@code names.get(i)} stands for value {@code min + i} (SUN = 0, JAN = 1). */
  private final List<String> names;

  CronField(String label, int min, int max, List<String> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The name used in error messages, as a user would say it. */
  String label() {
    return label;
  }

  /** Parses {@code text} (one field of {@code source}) into a bit mask of matching values. */
  long parse(String source, String text) {
    long mask = 0;
    for (String item : text.split(",", -1)) {
      if (item.isEmpty()) {
        throw error(source, "empty list item in \"" + text + "\"; separate values with single commas");
      }
      mask |= parseItem(source, item);
    }
    if (this == DAY_OF_WEEK && (mask & (1L << 7)) != 0) {
      mask = (mask & ~(1L << 7)) | 1L;
    }
    return mask;
  }

  private long parseItem(String source, String item) {
    int slash = item.indexOf('/');
    String base = slash < 0 ? item : item.substring(0, slash);
    int step = 1;
    if (slash >= 0) {
      String stepText = item.substring(slash + 1);
      step = number(source, stepText, "step", "a number 1-" + max);
      if (step < 1 || step > max) {
        throw error(source, "step " + stepText + " is out of range 1-" + max);
      }
    }
    int low;
    int high;
    if (base.equals("*")) {
      low = min;
      high = max;
    } else {
      int dash = base.indexOf('-');
      if (dash < 0) {
        low = value(source, base);
        high = slash >= 0 ? max : low;
      } else {
        low = value(source, base.substring(0, dash));
        high = value(source, base.substring(dash + 1));
        if (low > high) {
          throw error(source, "range " + base + " goes backwards; ranges do not wrap, write low-high");
        }
      }
    }
    long mask = 0;
    for (int v = low; v <= high; v += step) {
      mask |= 1L << v;
    }
    return mask;
  }

  /** A single value: a number in range or, where the field has names, a name. */
  private int value(String source, String text) {
    if (!names.isEmpty() && !text.isEmpty() && Character.isLetter(text.charAt(0))) {
      int index = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (index < 0) {
        throw error(source, "\"" + text + "\" is not a " + label + " name; expected " + allowed());
      }
      return min + index;
    }
    int v = number(source, text, "value", allowed());
    if (v < min || v > max) {
      throw error(source, text + " is out of range " + allowed());
    }
    return v;
  }

  private int number(String source, String text, String what, String expected) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw error(source, "\"" + text + "\" is not a valid " + what + "; expected " + expected);
    }
    if (text.length() > DIGITS_MAX) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(text);
  }

  /** What the field accepts, for error messages: {@code 0-59} or {@code 1-12 or JAN-DEC}. */
  private String allowed() {
    String range = min + "-" + max;
    if (names.isEmpty()) {
      return range;
    }
    return range + " or " + names.getFirst() + "-" + names.getLast() + (this == DAY_OF_WEEK ? " (0 and 7 are Sunday)" : "");
  }

  private CronException error(String source, String message) {
    return CronException.invalid(source, label, message);
  }
}
