// Which channel names and queue-member interfaces belong to the agent's extension.
//
// Channel names:   PJSIP/8001-0000001a   SIP/8001-0000001a   IAX2/8001-1234
//                  Local/8001@from-queue-0000001c;1   (FreePBX queue members, follow-me)
// Interfaces:      PJSIP/8001   SIP/8001   Local/8001@from-queue/n
//
// A PJSIP endpoint name may itself contain dashes (`agent-8001`), so only the exact instance
// suffix Asterisk appends to a channel name is removed: `-%08x` for SIP/PJSIP, `-<call number>`
// for IAX2; and the bare resource (an interface has no suffix) is tried too.

const INSTANCE_SUFFIX: Record<string, RegExp> = {
  pjsip: /-[0-9a-f]{8}$/i,
  sip: /-[0-9a-f]{8}$/i,
  iax2: /-\d+$/,
};

/** The endpoint names a channel name or interface may designate (with and without instance suffix). */
export function deviceResources(nameOrInterface: string): string[] {
  const slash = nameOrInterface.indexOf('/');
  if (slash <= 0) return [];
  const tech = nameOrInterface.slice(0, slash).toLowerCase();
  const rest = nameOrInterface.slice(slash + 1);
  if (tech === 'local') {
    const at = rest.indexOf('@');
    return at > 0 ? [rest.slice(0, at)] : [];
  }
  const suffix = INSTANCE_SUFFIX[tech];
  if (!suffix) return []; // DAHDI spans, Bridge/ and Message/ pseudo-channels are not phones
  const resource = rest.split('/')[0] ?? '';
  if (resource === '') return [];
  const bare = resource.replace(suffix, '');
  return bare !== resource && bare !== '' ? [resource, bare] : [resource];
}

/** Builds the matcher for one extension (e.g. '8001'). */
export function extensionDeviceMatcher(extension: string): (nameOrInterface: string | undefined) => boolean {
  return (name) => name !== undefined && name !== '' && deviceResources(name).includes(extension);
}
