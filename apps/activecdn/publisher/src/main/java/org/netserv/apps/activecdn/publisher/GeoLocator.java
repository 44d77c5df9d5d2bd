package org.netserv.apps.activecdn.publisher;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.AddressNotFoundException;
import com.maxmind.geoip2.model.CityResponse;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Where an address is (paper §4.1: "the MaxMind GeoIP library to determine the
 * geographic distance between the user and each ActiveCDN node"), read from a GeoIP2
 * City database with MaxMind's own reader.
 */
final class GeoLocator implements AutoCloseable {
    /** A located address: its region (city, country) and coordinates. */
    record Place(String region, double latitude, double longitude) {
        /** Great-circle distance in km (haversine, mean Earth radius). */
        double km(Place o) {
            double p1 = Math.toRadians(latitude), p2 = Math.toRadians(o.latitude);
            double dp = p2 - p1, dl = Math.toRadians(o.longitude - longitude);
            double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
            return 6371.0088 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
        }
    }

    private final DatabaseReader reader;

    GeoLocator(File mmdb) throws IOException {
        reader = new DatabaseReader.Builder(mmdb).build();
    }

    Optional<Place> locate(InetAddress a) {
        try {
            CityResponse r = reader.city(a);
            if (r.getLocation() == null || r.getLocation().getLatitude() == null) return Optional.empty();
            String city = r.getCity() == null || r.getCity().getName() == null ? "?" : r.getCity().getName();
            String cc = r.getCountry() == null || r.getCountry().getIsoCode() == null ? "?" : r.getCountry().getIsoCode();
            return Optional.of(new Place(city + "/" + cc, r.getLocation().getLatitude(), r.getLocation().getLongitude()));
        } catch (AddressNotFoundException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("GeoIP lookup of " + a.getHostAddress() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
