-- V110 (issue 23): agents' SIP accounts owned by cti-server, read by Asterisk as realtime PJSIP objects.
--
-- cti-server writes one row per agent phone into asterisk.sip_agent (the admin API sets or rotates the password;
-- only the digest HA1 = md5(username ":" realm ":" password) is stored, never the password). Asterisk reads three
-- views of it through res_config_pgsql (docker/asterisk/sorcery.conf maps endpoint, auth and aor to
-- "realtime,ps_endpoints" etc., extconfig.conf maps those families to asterisk.ps_*):
--   ps_endpoints  the WebRTC agent endpoint (what pjsip.conf's [agent-endpoint] template was): webrtc = yes turns on
--                 ICE, AVPF, DTLS-SRTP, rtcp_mux and bundle (res/res_pjsip/pjsip_configuration.c
--                 "endpoint->media.rtp.encryption = AST_SIP_MEDIA_ENCRYPT_DTLS" when media.webrtc), and with no
--                 dtls_cert_file a certificate is made ("dtls_cfg.ephemeral_cert = 1"; dtls_auto_generate_cert too)
--   ps_auths      auth_type = digest with md5_cred = the HA1 (config_auth.c password_digest_handler: "md5_cred doesn't
--                 have the algorithm name in front so we need to force it" to MD5; its length must be 32) and the
--                 realm the HA1 was made with (res_pjsip_authenticator_digest.c: "realm = S_OR(auth->realm,
--                 default_realm)")
--   ps_aors       one contact per agent, a new registration replaces the old (a second tab takes the phone over)
-- Column names are the sorcery option names: res_sorcery_realtime.c drops any column that is not a registered
-- field ("Filtering out realtime field"), and res_config_pgsql skips NULL and empty values.
-- Each view shows only the rows of the PBX that reads it: Asterisk connects with application_name = its PBX id
-- (res_pgsql.conf appname, as for queue_log in V80), and the same extension on two PBXs is two phones.
-- An account whose user is disabled, or whose extension the admin has changed since, is not seen by Asterisk.
-- A new agent is a row here: no pjsip.conf edit, no reload (sorcery realtime reads on every lookup).

create table asterisk.sip_agent (
    pbx_id      text not null,
    extension   text not null check (extension ~ '^[0-9]{3,8}$'),
    user_id     bigint not null unique references app_user (id) on delete cascade,
    realm       text not null check (realm ~ '^[A-Za-z0-9.-]{1,64}$'),
    ha1         text not null check (ha1 ~ '^[0-9a-f]{32}$'),
    active      boolean not null default true,
    updated_at  timestamptz not null default now(),
    updated_by  text not null,
    primary key (pbx_id, extension)
);
comment on table asterisk.sip_agent is 'Agents'' SIP accounts (issue 23), written by cti-server''s admin API; Asterisk reads the ps_* views';

create view asterisk.ps_endpoints as
select s.extension                                      as id,
       'transport-wss'::text                          as transport,
       s.extension                                      as aors,
       s.extension                                      as auth,
       'agents'::text                                 as context,
       'all'::text                                    as disallow,
       'opus,ulaw,alaw'::text                         as allow,
       'yes'::text                                    as webrtc,
       'yes'::text                                    as dtls_auto_generate_cert,
       'no'::text                                     as direct_media,
       '1'::text                                      as device_state_busy_at,
       'zh'::text                                     as language,
       '"Agent ' || s.extension || '" <' || s.extension || '>' as callerid
from asterisk.sip_agent s
join app_user u on u.id = s.user_id and u.active and u.extension = s.extension
where s.active and s.pbx_id = current_setting('application_name', true);

create view asterisk.ps_auths as
select s.extension       as id,
       'digest'::text  as auth_type,
       s.extension       as username,
       realm           as realm,
       ha1             as md5_cred
from asterisk.sip_agent s
join app_user u on u.id = s.user_id and u.active and u.extension = s.extension
where s.active and s.pbx_id = current_setting('application_name', true);

create view asterisk.ps_aors as
select s.extension    as id,
       '1'::text    as max_contacts,
       'yes'::text  as remove_existing,
       '30'::text   as qualify_frequency
from asterisk.sip_agent s
join app_user u on u.id = s.user_id and u.active and u.extension = s.extension
where s.active and s.pbx_id = current_setting('application_name', true);

-- Asterisk's role reads the three views and nothing else here (the views run with their owner's rights, so the
-- role needs no right on sip_agent, and it cannot see other PBXs' rows or the HA1 of an inactive account).
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'asterisk') then
        grant usage on schema asterisk to asterisk; -- as V80 does; repeated so this block alone suffices
        grant select on asterisk.ps_endpoints, asterisk.ps_auths, asterisk.ps_aors to asterisk;
    end if;
end
$$;
