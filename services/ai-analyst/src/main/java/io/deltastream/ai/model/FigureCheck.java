package io.deltastream.ai.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether every figure in a text comes from a set of data: a number in the text is grounded when some number of the
 * data, or that number times 100 (a fraction written as a percentage), rounds to it at the precision the text writes
 * it with ({@code 21,500.00}, {@code 1.31}, {@code 15.1%} for 0.151). Dates equal to a text value of the data are not
 * figures. The check is deliberately literal: a model that computes a new figure (a difference, a ratio) fails it,
 * because such a figure cannot be traced to the data.
 */
public final class FigureCheck {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

    private FigureCheck() {
    }

    /** The figures of {@code text} that no value of {@code data} accounts for, in order of appearance. */
    public static List<String> ungrounded(String text, Map<String, Object> data) {
        String withoutDates = text;
        for (Object v : data.values()) {
            if (v instanceof String s && DATE.matcher(s).matches()) {
                withoutDates = withoutDates.replace(s, " ");
            }
        }
        List<BigDecimal> values = new ArrayList<>();
        for (Object v : data.values()) {
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                BigDecimal d = new BigDecimal(n.toString());
                values.add(d.abs());
                values.add(d.abs().movePointRight(2));
            }
        }
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(withoutDates);
        while (m.find()) {
            String figure = m.group();
            BigDecimal written = new BigDecimal(figure.replace(",", ""));
            boolean grounded = values.stream()
                    .anyMatch(v -> v.setScale(written.scale(), RoundingMode.HALF_UP).compareTo(written) == 0);
            if (!grounded) {
                out.add(figure);
            }
        }
        return out;
    }
}
