package io.consentflow.adapter.http.provider;


/** A shared location as the text a flow sees: {@code "lat,long"}, or empty when incomplete. */
public final class Locations {
    private Locations() {
    }

    public static String text(CallbackFields location) {
        String lat = location.scalar("latitude").orElse(null);
        String lon = location.scalar("longitude").orElse(null);
        return lat == null || lon == null ? "" : lat.strip() + "," + lon.strip();
    }
}
