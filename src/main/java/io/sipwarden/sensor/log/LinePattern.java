package io.sipwarden.sensor.log;

/**
 * Every line shape the log parser understands, with a stable id. The sample-file test fails
 * the build when a pattern has no annotated sample line.
 */
public enum LinePattern {
    // res_security_log bodies (one id per event name, so each has its own sample)
    SECURITY_FAILED_ACL("security.FailedACL"),
    SECURITY_INVALID_ACCOUNT_ID("security.InvalidAccountID"),
    SECURITY_SESSION_LIMIT("security.SessionLimit"),
    SECURITY_MEMORY_LIMIT("security.MemoryLimit"),
    SECURITY_LOAD_AVERAGE_LIMIT("security.LoadAverageLimit"),
    SECURITY_REQUEST_NOT_SUPPORTED("security.RequestNotSupported"),
    SECURITY_REQUEST_NOT_ALLOWED("security.RequestNotAllowed"),
    SECURITY_AUTH_METHOD_NOT_ALLOWED("security.AuthMethodNotAllowed"),
    SECURITY_REQUEST_BAD_FORMAT("security.RequestBadFormat"),
    SECURITY_SUCCESSFUL_AUTH("security.SuccessfulAuth"),
    SECURITY_UNEXPECTED_ADDRESS("security.UnexpectedAddress"),
    SECURITY_CHALLENGE_RESPONSE_FAILED("security.ChallengeResponseFailed"),
    SECURITY_INVALID_PASSWORD("security.InvalidPassword"),
    SECURITY_CHALLENGE_SENT("security.ChallengeSent"),
    SECURITY_INVALID_TRANSPORT("security.InvalidTransport"),
    // chan_pjsip / pjproject
    PJSIP_REQUEST_FAILED("pjsip.request-failed"),
    PJSIP_REQUEST_FAILED_12("pjsip.request-failed-12"),
    PJSIP_MAX_CONTACTS("pjsip.registrar-max-contacts"),
    PJSIP_AOR_NOT_FOUND("pjsip.registrar-aor-not-found"),
    PJSIP_CALL_REJECTED_OLD("pjsip.call-rejected-old"),
    PJSIP_CALL_REJECTED("pjsip.call-rejected"),
    PJPROJECT_DROPPED_PACKET("pjproject.dropped-packet"),
    // chan_sip
    CHANSIP_REGISTRATION_FAILED("chansip.registration-failed"),
    CHANSIP_CALL_REJECTED("chansip.call-rejected"),
    CHANSIP_FAILED_AUTH_DEVICE("chansip.failed-auth-device"),
    CHANSIP_FAKE_AUTH_REJECTION("chansip.fake-auth-rejection"),
    CHANSIP_RETRANSMISSION_TIMEOUT("chansip.retransmission-timeout"),
    /** The second physical line of the retransmission WARNING (the message contains a newline). */
    CHANSIP_PACKET_TIMED_OUT("chansip.packet-timed-out"),
    // chan_iax2
    IAX2_NO_REGISTRATION("iax2.no-registration"),
    IAX2_NOT_DYNAMIC("iax2.not-dynamic"),
    IAX2_DENIED_REGISTER("iax2.denied-register"),
    IAX2_MD5_FAILED("iax2.md5-failed"),
    IAX2_PLAINTEXT_FAILED("iax2.plaintext-failed"),
    IAX2_REJECTED_CONNECT("iax2.rejected-connect"),
    IAX2_FAILED_AUTH("iax2.failed-auth"),
    // manager.c (AMI)
    AMI_NONEXISTENT_USER("ami.nonexistent-user"),
    AMI_FAILED_ACL("ami.failed-acl"),
    AMI_FAILED_AUTH("ami.failed-auth"),
    // FreePBX dialplan
    FREEPBX_REJECTING_UNKNOWN("freepbx.rejecting-unknown"),
    // harmless lines
    VERBOSE("any.verbose-debug"),
    BLANK("any.blank");

    private final String id;

    LinePattern(String id) {
        this.id = id;
    }

    /** The stable id used in sample annotations and statistics. */
    public String id() {
        return id;
    }
}
