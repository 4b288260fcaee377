package io.deltastream.quant.chain;

import io.deltastream.quant.Inputs;

import java.util.Objects;

/** The call and the put at one strike; use {@link ChainQuote#MISSING} for a side that is not listed. */
public record ChainRow(double strike, ChainQuote call, ChainQuote put) {

    public ChainRow {
        Inputs.requirePositive("strike", strike);
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(put, "put");
    }
}
