package io.sipwarden.event;

/** The Asterisk service an event concerns; policy geofences are configured per service. */
public enum Service {
    /** chan_pjsip and chan_sip both count as SIP for policy; {@link Stack} tells them apart. */
    SIP,
    IAX2,
    AMI,
    HTTP;
}
