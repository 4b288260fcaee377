package io.deltastream.trading.portfolio;

import io.deltastream.trading.instrument.Instrument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's paper-trading account: cash and positions. Cash moves by premium (a buy pays quantity x price, a sell
 * receives it) and by fees; nothing else is debited, margin being a requirement computed from the positions, not
 * a cash movement. Mutable, serialized by the trading engine.
 */
public final class Account {
    private final String userId;
    private final double initialCapital;
    private final Instant createdAt;
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private double cash;
    private double commissions;
    private double grossRealized;
    private LocalDate day;
    private double dayStartEquity;
    private Instant updatedAt;

    public Account(String userId, double initialCapital, double cash, double commissions, double grossRealized,
                   LocalDate day, double dayStartEquity, Instant createdAt, Instant updatedAt) {
        this.userId = userId;
        this.initialCapital = initialCapital;
        this.cash = cash;
        this.commissions = commissions;
        this.grossRealized = grossRealized;
        this.day = day;
        this.dayStartEquity = dayStartEquity;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** A new account holding {@code capital} in cash. */
    public static Account open(String userId, double capital, LocalDate today, Instant now) {
        return new Account(userId, capital, capital, 0, 0, today, capital, now, now);
    }

    /** What a fill did to the account. */
    public record FillEffect(double realizedPnl, Position position) {
    }

    /**
     * Books a fill: position, cash by premium and fee.
     *
     * @param signedQuantity units bought (positive) or sold (negative)
     * @param price          currency units per unit
     * @param fee            currency units, charged to cash
     */
    public FillEffect applyFill(Instrument instrument, long signedQuantity, double price, double fee, Instant at) {
        Position p = positions.computeIfAbsent(instrument.symbol(), s -> new Position(instrument, 0, 0, 0, at, at));
        double realized = p.apply(signedQuantity, price, at);
        cash -= signedQuantity * price + fee;
        commissions += fee;
        grossRealized += realized;
        updatedAt = at;
        if (p.quantity() == 0) {
            positions.remove(instrument.symbol());
        }
        return new FillEffect(realized, p);
    }

    /** Restores a persisted position. */
    public void restore(Position p) {
        positions.put(p.instrument().symbol(), p);
    }

    /**
     * Starts a new day when {@code today} differs from the account's day: the equity of now becomes the day's
     * start, against which the daily loss is measured.
     */
    public void rollDay(LocalDate today, double equityNow) {
        if (!today.equals(day)) {
            day = today;
            dayStartEquity = equityNow;
        }
    }

    public String userId() {
        return userId;
    }

    public double initialCapital() {
        return initialCapital;
    }

    public double cash() {
        return cash;
    }

    /** Fees paid since the account was opened, currency units. */
    public double commissions() {
        return commissions;
    }

    /** P&L realized by closing fills since the account was opened, before fees. */
    public double grossRealized() {
        return grossRealized;
    }

    /** Realized P&L net of all fees paid. */
    public double realizedPnl() {
        return grossRealized - commissions;
    }

    public LocalDate day() {
        return day;
    }

    public double dayStartEquity() {
        return dayStartEquity;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Map<String, Position> positions() {
        return positions;
    }

    public Position position(String symbol) {
        return positions.get(symbol);
    }

    /** Signed units held in {@code symbol}. */
    public long quantity(String symbol) {
        Position p = positions.get(symbol);
        return p == null ? 0 : p.quantity();
    }
}
