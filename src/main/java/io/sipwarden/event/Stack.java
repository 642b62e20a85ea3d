package io.sipwarden.event;

/** The Asterisk module that reported an event; it decides which fields correlate across sources. */
public enum Stack {
    PJSIP(Service.SIP),
    CHAN_SIP(Service.SIP),
    IAX2(Service.IAX2),
    MANAGER(Service.AMI),
    HTTP(Service.HTTP),
    /** A packet-level or firewall sensor: no Asterisk module involved. */
    NETWORK(Service.SIP);

    private final Service service;

    Stack(Service service) {
        this.service = service;
    }

    public Service service() {
        return service;
    }
}
