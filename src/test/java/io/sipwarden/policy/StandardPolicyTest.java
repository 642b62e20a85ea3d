package io.sipwarden.policy;

import static io.sipwarden.policy.PolicyFixture.ip;
import static io.sipwarden.policy.PolicyFixture.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.policy.Verdict.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardPolicyTest {

    @TempDir
    Path dir;

    private Verdict eval(StandardPolicy p, String address, Service s, String endpoint) {
        return p.evaluate(ip(address), s, endpoint, where(address));
    }

    private static final String LAYERED = """
            policy:
              trusted:
                networks:
                  - 203.0.113.0/24
              deny:
                countries: [CN]
                asns: [AS3320]
              geofence:
                sip:
                  allow:
                    countries: [FR, US]
            """;

    @Test
    void trustedBeatsDenyBeatsGeofence() {
        StandardPolicy p = PolicyFixture.policy(dir, LAYERED);
        String file = dir.resolve("sipwarden.yml").toString();
        // 203.0.113.5 is in China and in the trusted network: trust wins.
        Verdict v = eval(p, "203.0.113.5", Service.SIP, "");
        assertThat(v.outcome()).isEqualTo(Outcome.TRUSTED);
        assertThat(v.step()).isEqualTo("trusted");
        assertThat(v.why()).isEqualTo("203.0.113.5: network 203.0.113.0/24 in policy.trusted.networks (" + file + ":4)");
        assertThat(p.isTrusted(ip("203.0.113.5"))).isTrue();
        // China is denied, whatever the geofence says.
        v = eval(p, "198.51.100.7", Service.SIP, "");
        assertThat(v).isEqualTo(new Verdict(Outcome.DENIED, "deny", "country CN in policy.deny.countries (" + file + ":6)"));
        // Germany's AS3320 is denied by ASN before the geofence would say the same.
        v = eval(p, "198.51.100.8", Service.SIP, "");
        assertThat(v).isEqualTo(new Verdict(Outcome.DENIED, "deny", "AS3320 in policy.deny.asns (" + file + ":7)"));
        // Germany from another network: outside the SIP geofence.
        v = p.evaluate(ip("198.51.100.9"), Service.SIP, "", new GeoLocation("EU", "DE", "", "", 0, 0, 0, ""));
        assertThat(v).isEqualTo(new Verdict(Outcome.OUTSIDE_GEOFENCE, "geofence.sip",
                "country DE not in policy.geofence.sip.allow.countries (" + file + ":11)"));
        assertThat(v.banOnSight()).isTrue();
        // France: inside, detectors decide.
        v = eval(p, "192.0.2.10", Service.SIP, "");
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(v.step()).isEqualTo("geofence.sip");
        assertThat(v.why()).isEqualTo("country FR in policy.geofence.sip.allow.countries (" + file + ":11)");
        // The verdict for a matching entry is made once: the hot path allocates none.
        assertThat(eval(p, "192.0.2.10", Service.SIP, "")).isSameAs(v);
    }

    /** The daemon's trust guard refuses a prefix ban over any of these; without them a /16 around a trunk was banned. */
    @Test
    void trustedScopesAreTheTrustedNetworksAndTheHostsOwnAddresses() {
        StandardPolicy p = PolicyFixture.policy(dir, LAYERED);
        assertThat(p.trustedScopes()).containsExactlyInAnyOrder(io.sipwarden.net.Cidr.parse("203.0.113.0/24"),
                io.sipwarden.net.Cidr.of(PolicyFixture.OWN));
        io.sipwarden.decision.TrustGuard guard = new io.sipwarden.decision.TrustGuard(p::isTrusted, p::trustedScopes);
        assertThat(guard.wouldRefuse(io.sipwarden.net.Cidr.parse("203.0.0.0/16"))).isTrue();
        assertThat(guard.wouldRefuse(io.sipwarden.net.Cidr.parse("198.51.100.0/24"))).isTrue();
        assertThat(guard.wouldRefuse(io.sipwarden.net.Cidr.parse("192.0.2.0/24"))).isFalse();
    }

    @Test
    void geofenceIsPerService() {
        StandardPolicy p = PolicyFixture.policy(dir, """
                policy:
                  geofence:
                    ami:
                      allow:
                        networks: [192.0.2.0/28]
                """);
        assertThat(eval(p, "192.0.2.30", Service.SIP, "").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(eval(p, "192.0.2.30", Service.AMI, "").outcome()).isEqualTo(Outcome.OUTSIDE_GEOFENCE);
        assertThat(eval(p, "192.0.2.30", Service.AMI, "").why()).startsWith("address 192.0.2.30 not in policy.geofence.ami.allow.networks (");
        assertThat(eval(p, "192.0.2.10", Service.AMI, "").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(eval(p, "192.0.2.10", Service.IAX2, "").why()).isEqualTo("no policy rule applies; detectors decide");
    }

    @Test
    void localAddressesAreNeitherForeignNorTrusted() {
        StandardPolicy p = PolicyFixture.policy(dir, """
                policy:
                  geofence:
                    sip:
                      allow:
                        countries: [FR]
                      unknown: deny
                """);
        // The test data's attacker: private, so not geofenced, but not trusted either: detectors may ban it.
        Verdict v = eval(p, "10.77.0.2", Service.SIP, "");
        assertThat(v.outcome()).isEqualTo(Outcome.LOCAL);
        assertThat(v.why()).isEqualTo("10.77.0.2 is a private address (RFC 1918): local, never geofenced; detectors still apply");
        assertThat(v.banOnSight()).isFalse();
        assertThat(p.isTrusted(ip("10.77.0.2"))).isFalse();
        assertThat(eval(p, "fd77::2", Service.SIP, "").outcome()).isEqualTo(Outcome.LOCAL);
        assertThat(eval(p, "fe80::1", Service.SIP, "").outcome()).isEqualTo(Outcome.LOCAL);
        assertThat(eval(p, "100.64.3.4", Service.SIP, "").why()).contains("CGNAT");
        assertThat(p.isTrusted(ip("fd77::2"))).isFalse();
        // Loopback and this host's own addresses are trusted.
        assertThat(eval(p, "127.0.0.1", Service.SIP, "").outcome()).isEqualTo(Outcome.TRUSTED);
        assertThat(eval(p, "::1", Service.SIP, "").outcome()).isEqualTo(Outcome.TRUSTED);
        assertThat(p.evaluate(PolicyFixture.OWN, Service.SIP, "", GeoLocation.UNKNOWN))
                .isEqualTo(new Verdict(Outcome.TRUSTED, "trusted", "198.51.100.200: an address of this host"));
    }

    @Test
    void explicitDenyAppliesToLocalAddressesToo() {
        StandardPolicy p = PolicyFixture.policy(dir, "policy:\n  deny:\n    networks: [10.77.0.0/24]\n");
        assertThat(eval(p, "10.77.0.2", Service.SIP, "").outcome()).isEqualTo(Outcome.DENIED);
        assertThat(eval(p, "10.78.0.2", Service.SIP, "").outcome()).isEqualTo(Outcome.LOCAL);
    }

    @Test
    void unknownLocationsFollowTheExplicitChoice() {
        String fence = """
                policy:
                  geofence:
                    sip:
                      allow:
                        countries: [FR]
                        networks: [198.51.100.0/24]
                """;
        StandardPolicy allow = PolicyFixture.policy(dir, fence);
        Verdict v = eval(allow, "192.0.2.99", Service.SIP, "");
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(v.why()).isEqualTo("the geo database cannot place this address at the level policy.geofence.sip uses, "
                + "and policy.geofence.sip.unknown is allow (built-in default)");

        StandardPolicy deny = PolicyFixture.policy(dir, fence + "      unknown: deny\n");
        v = eval(deny, "192.0.2.99", Service.SIP, "");
        assertThat(v.outcome()).isEqualTo(Outcome.OUTSIDE_GEOFENCE);
        assertThat(v.why()).isEqualTo("the geo database cannot place this address at the level policy.geofence.sip uses, "
                + "and policy.geofence.sip.unknown is deny (" + dir.resolve("sipwarden.yml") + ":7)");
        // A network entry needs no database: an unknown address in it is inside.
        assertThat(eval(deny, "198.51.100.99", Service.SIP, "").outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void endpointAreasApplyOnlyToAuthenticatedEndpoints() {
        StandardPolicy p = PolicyFixture.policy(dir, """
                policy:
                  geofence:
                    sip:
                      allow:
                        countries: [US, FR]
                  endpoints:
                    alice:
                      allow:
                        regions: [US-MN]
                        countries: [FR]
                """);
        assertThat(eval(p, "192.0.2.20", Service.SIP, "alice").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(eval(p, "192.0.2.10", Service.SIP, "alice").outcome()).isEqualTo(Outcome.ALLOWED);
        Verdict v = eval(p, "192.0.2.30", Service.SIP, "alice");
        assertThat(v.outcome()).isEqualTo(Outcome.OUTSIDE_ENDPOINT_AREA);
        assertThat(v.step()).isEqualTo("endpoint.alice");
        String file = dir.resolve("sipwarden.yml").toString();
        assertThat(v.why()).isEqualTo("country US not in policy.endpoints.alice.allow.countries (" + file + ":10); "
                + "region US-CA not in policy.endpoints.alice.allow.regions (" + file + ":9)");
        // Before authentication nobody knows it is alice: only the service geofence applies.
        assertThat(eval(p, "192.0.2.30", Service.SIP, "").outcome()).isEqualTo(Outcome.ALLOWED);
        // bob has no area and there is no default: the geofence is all.
        assertThat(eval(p, "192.0.2.30", Service.SIP, "bob").outcome()).isEqualTo(Outcome.ALLOWED);
        // The service geofence still comes first for alice.
        assertThat(eval(p, "198.51.100.8", Service.SIP, "alice").outcome()).isEqualTo(Outcome.OUTSIDE_GEOFENCE);
    }

    @Test
    void defaultEndpointAreaAppliesToEndpointsWithoutTheirOwn() {
        StandardPolicy p = PolicyFixture.policy(dir, """
                policy:
                  default_endpoint_area:
                    allow:
                      countries: [FR]
                  endpoints:
                    roamer:
                      allow:
                        continents: [EU, NA]
                      deny:
                        cities: [US/Minneapolis]
                """);
        assertThat(eval(p, "192.0.2.30", Service.SIP, "bob").outcome()).isEqualTo(Outcome.OUTSIDE_ENDPOINT_AREA);
        assertThat(eval(p, "192.0.2.30", Service.SIP, "bob").step()).isEqualTo("endpoint.bob");
        assertThat(eval(p, "192.0.2.10", Service.SIP, "bob").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(eval(p, "192.0.2.30", Service.SIP, "roamer").outcome()).isEqualTo(Outcome.ALLOWED);
        Verdict v = eval(p, "192.0.2.20", Service.SIP, "roamer");
        assertThat(v.outcome()).isEqualTo(Outcome.OUTSIDE_ENDPOINT_AREA);
        assertThat(v.why()).startsWith("city US/Minneapolis in policy.endpoints.roamer.deny.cities (");
    }

    @Test
    void denyListsMatchContinentAsnAndIpv6Networks() {
        StandardPolicy p = PolicyFixture.policy(dir, """
                policy:
                  deny:
                    continents: [as]
                    networks: ["2001:db8::/48"]
                """);
        assertThat(eval(p, "203.0.113.5", Service.SIP, "").why()).startsWith("continent AS in policy.deny.continents (");
        assertThat(eval(p, "2001:db8::10", Service.SIP, "").why()).startsWith("network 2001:db8::/48 in policy.deny.networks (");
        assertThat(eval(p, "2001:db9::10", Service.SIP, "").outcome()).isEqualTo(Outcome.ALLOWED);
        // An IPv4-mapped IPv6 address is the IPv4 source.
        assertThat(p.evaluate(ip("::ffff:203.0.113.5"), Service.SIP, "", where("203.0.113.5")).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void regionsMatchByCodeOrNameWithoutCase() {
        StandardPolicy p = PolicyFixture.policy(dir, """
                policy:
                  geofence:
                    sip:
                      allow:
                        regions: [us-mn, Arizona]
                """);
        assertThat(eval(p, "192.0.2.20", Service.SIP, "").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(p.evaluate(ip("5.8.18.7"), Service.SIP, "", new GeoLocation("NA", "US", "arizona", "", 0, 0, 0, "")).outcome())
                .isEqualTo(Outcome.ALLOWED);
        assertThat(eval(p, "5.8.18.7", Service.SIP, "").outcome()).isEqualTo(Outcome.OUTSIDE_GEOFENCE);
    }

    @Test
    void aDatabaseTooCoarseForTheListsCountsAsUnknown() {
        String fence = """
                policy:
                  geofence:
                    sip:
                      allow:
                        regions: [US-MN]
                """;
        // A country-only database (tor-geoipdb) gives no region: it cannot place anyone in a region list.
        GeoLocation countryOnly = new GeoLocation("", "US", "", "", Double.NaN, Double.NaN, 0, "");
        GeoLocation asnOnly = new GeoLocation("", "", "", "", Double.NaN, Double.NaN, 7018, "");
        StandardPolicy lenient = PolicyFixture.policy(dir, fence);
        assertThat(lenient.evaluate(ip("192.0.2.30"), Service.SIP, "", countryOnly).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(lenient.evaluate(ip("192.0.2.30"), Service.SIP, "", asnOnly).outcome()).isEqualTo(Outcome.ALLOWED);
        StandardPolicy strict = PolicyFixture.policy(dir, fence + "      unknown: deny\n");
        assertThat(strict.evaluate(ip("192.0.2.30"), Service.SIP, "", countryOnly).outcome()).isEqualTo(Outcome.OUTSIDE_GEOFENCE);
        // With a region it is an ordinary miss, whatever unknown says.
        assertThat(lenient.evaluate(ip("192.0.2.30"), Service.SIP, "", where("192.0.2.30")).outcome()).isEqualTo(Outcome.OUTSIDE_GEOFENCE);
    }

    @Test
    void builtInDefaultsFenceNothing() {
        StandardPolicy p = PolicyFixture.policy(dir, "");
        for (String a : PolicyFixture.PLACES.keySet()) {
            for (Service s : Service.values()) {
                Verdict v = eval(p, a, s, "alice");
                assertThat(v.outcome()).as(a + " " + s).isEqualTo(Outcome.ALLOWED);
                assertThat(v.why()).isEqualTo("no policy rule applies; detectors decide");
            }
        }
    }
}
