/**
 * OIDC sign-in (authorization code + PKCE, state and nonce) with openid-client against a configurable issuer: the
 * kraj's or the state's identity provider (CAAIS, Keycloak, Entra ID). The identity is issuer + subject; it signs
 * in as the invited user it was linked to, or, the first time, as the invited user with the provider's verified
 * address. Roles never come from the provider's claims. The flow's state lives in hlucha.oidc_states (10 minutes).
 */
import * as client from 'openid-client';
import { hashSecret, userForIdentity } from './auth.ts';
import type { Database } from './db.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The server's callback: <publicUrl>/api/auth/oidc/callback. */
  redirectUri: string;
  /** Plain http to the provider (only for a provider on this machine, as in the tests). */
  allowHttp?: boolean;
}

export interface OidcLogin {
  start(db: Database): Promise<string>;
  finish(db: Database, callbackUrl: URL): Promise<{ ok: true; userId: string } | { ok: false; code: 'auth.oidcFailed' | 'auth.notInvited' }>;
}

export async function oidcLogin(settings: OidcSettings): Promise<OidcLogin> {
  const config = await client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    settings.clientSecret,
    undefined,
    settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const AUTH = { role: 'hlucha_auth' as const };
  return {
    async start(db) {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      await db.asRole(AUTH, async (c) => {
        await c.query(`DELETE FROM hlucha.oidc_states WHERE created_at < now() - interval '10 minutes'`);
        await c.query('INSERT INTO hlucha.oidc_states (state_hash, nonce, code_verifier) VALUES ($1, $2, $3)', [hashSecret(state), nonce, verifier]);
      });
      return client
        .buildAuthorizationUrl(config, {
          redirect_uri: settings.redirectUri,
          scope: 'openid email',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        })
        .toString();
    },
    async finish(db, callbackUrl) {
      const state = callbackUrl.searchParams.get('state') ?? '';
      const flow = await db.asRole(AUTH, async (c) => {
        const row = await c.query<{ nonce: string; code_verifier: string }>(
          `DELETE FROM hlucha.oidc_states WHERE state_hash = $1 AND created_at > now() - interval '10 minutes' RETURNING nonce, code_verifier`,
          [hashSecret(state)],
        );
        return row.rows[0] ?? null;
      });
      if (!flow) return { ok: false, code: 'auth.oidcFailed' };
      let claims: client.IDToken | undefined;
      let profile: Record<string, unknown> = {};
      try {
        const current = new URL(settings.redirectUri);
        current.search = callbackUrl.search;
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.code_verifier,
          expectedState: state,
          expectedNonce: flow.nonce,
        });
        claims = tokens.claims();
        if (!claims) return { ok: false, code: 'auth.oidcFailed' };
        profile = { ...claims };
        // Providers that follow the spec strictly put the scope's claims (email) in userinfo, not the ID token.
        if (typeof claims.email !== 'string' && tokens.access_token) profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)) };
      } catch {
        return { ok: false, code: 'auth.oidcFailed' };
      }
      const email = typeof profile.email === 'string' ? profile.email : null;
      const userId = await userForIdentity(db, config.serverMetadata().issuer, claims.sub, email, profile.email_verified === true);
      return userId ? { ok: true, userId } : { ok: false, code: 'auth.notInvited' };
    },
  };
}
