/**
 * The invitation mail of `users add`: who invites to what (the role, the obec and kraj by name), the app's address,
 * and how to sign in. It carries no sign-in link of its own: a 15-minute link is usually expired by the time an
 * invitation is read, so the mail links to the app with the address filled in (`?prihlasit=E`), where the person
 * asks for a fresh sign-in link with one press.
 */
import type { MailMessage } from './mail.ts';
import { MAGIC_LINK_TTL_MIN } from './auth.ts';

export type InvitedRole = 'mayor' | 'bco' | 'kraj' | 'admin';
export type InvitationLanguage = 'cs' | 'en';

export interface Invitation {
  email: string;
  role: InvitedRole;
  kraj: { nuts3: string; nazev: string };
  obec: { kod: string; nazev: string } | null;
  /** The app's address (the server's --public-url). */
  publicUrl: string;
  language: InvitationLanguage;
}

/** The query parameter the app reads to open the sign-in with the address filled in. */
export const SIGN_IN_EMAIL_PARAMETER = 'prihlasit';

export function signInAddressLink(publicUrl: string, email: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/?${SIGN_IN_EMAIL_PARAMETER}=${encodeURIComponent(email)}`;
}

function roleText(invitation: Invitation): string {
  const { role, kraj, obec } = invitation;
  if (invitation.language === 'en') {
    if (role === 'mayor') return `mayor of the municipality ${obec?.nazev ?? '?'} (${kraj.nazev})`;
    if (role === 'bco') return `BCO coordinator for ${kraj.nazev}`;
    if (role === 'kraj') return `regional office staff, ${kraj.nazev}`;
    return `administrator of the workspace of ${kraj.nazev}`;
  }
  if (role === 'mayor') return `starosta / starostka obce ${obec?.nazev ?? '?'} (${kraj.nazev})`;
  if (role === 'bco') return `koordinátor / koordinátorka BCO pro ${kraj.nazev}`;
  if (role === 'kraj') return `pracovník / pracovnice krajského úřadu, ${kraj.nazev}`;
  return `správce / správkyně pracovního prostoru, ${kraj.nazev}`;
}

export function invitationMessage(invitation: Invitation): MailMessage {
  const link = signInAddressLink(invitation.publicUrl, invitation.email);
  const role = roleText(invitation);
  if (invitation.language === 'en') {
    return {
      to: invitation.email,
      subject: `Invitation to Hluchá místa: ${role}`,
      text: [
        `You have been invited to the shared workspace of ${invitation.kraj.nazev} in Hluchá místa (places with no mobile signal or internet), with the role:`,
        '',
        `  ${role}`,
        '',
        'To sign in, open the app:',
        link,
        '',
        `Your address ${invitation.email} is filled in there: press "Send a sign-in link". A link valid for ${MAGIC_LINK_TTL_MIN} minutes comes by e-mail; open it and press "Sign in".`,
        `The app's address for later: ${invitation.publicUrl}`,
        '',
        'If you do not expect this invitation, ignore this message; the kraj can take the role back.',
        '',
      ].join('\n'),
    };
  }
  return {
    to: invitation.email,
    subject: `Pozvánka do Hluchých míst: ${role}`,
    text: [
      `Dobrý den,`,
      '',
      `byli jste pozváni do sdíleného pracovního prostoru kraje (${invitation.kraj.nazev}) v aplikaci Hluchá místa (místa bez mobilního signálu a internetu) s rolí:`,
      '',
      `  ${role}`,
      '',
      'Přihlásíte se v aplikaci:',
      link,
      '',
      `Vaše adresa ${invitation.email} tam bude vyplněná: stiskněte „Poslat přihlašovací odkaz“. E-mailem přijde odkaz platný ${MAGIC_LINK_TTL_MIN} minut; otevřete ho a stiskněte „Přihlásit se“.`,
      `Adresa aplikace pro příště: ${invitation.publicUrl}`,
      '',
      'Pokud pozvánku nečekáte, zprávy si nevšímejte; kraj může roli kdykoli odebrat.',
      '',
    ].join('\n'),
  };
}
