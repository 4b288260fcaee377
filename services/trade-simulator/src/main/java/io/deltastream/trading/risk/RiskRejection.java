package io.deltastream.trading.risk;

import io.deltastream.platform.http.ApiException;

/** The reference's risk rejection: 400 {@code {"error": message, "type": "risk_limit"}}. */
public final class RiskRejection {
    private RiskRejection() {
    }

    public static ApiException of(String message) {
        return ApiException.badRequest(message).with("type", "risk_limit");
    }

    /** True when {@code e} is a risk rejection. */
    public static boolean is(ApiException e) {
        return "risk_limit".equals(e.body().get("type"));
    }
}
