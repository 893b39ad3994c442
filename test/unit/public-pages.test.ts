import { describe, expect, it } from 'vitest';
import { LICENCES } from '../../src/charters/rules/enums.js';
import { isOpenLicence, licenceDeedUrl, licenceShortName } from '../../src/public-pages/rules.js';

describe('the licences of the public pages', () => {
  it('are every licence of the charter but « all rights reserved »', () => {
    expect(LICENCES.filter(isOpenLicence)).toEqual(['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0']);
    expect(isOpenLicence('all_rights_reserved')).toBe(false);
    expect(isOpenLicence('toString')).toBe(false);
  });

  it('link to their deed on creativecommons.org in the reader’s language', () => {
    expect(licenceDeedUrl('CC-BY-SA-4.0', 'fr')).toBe('https://creativecommons.org/licenses/by-sa/4.0/deed.fr');
    expect(licenceDeedUrl('CC-BY-NC-SA-4.0', 'en')).toBe('https://creativecommons.org/licenses/by-nc-sa/4.0/deed.en');
    expect(licenceDeedUrl('CC0-1.0', 'fr')).toBe('https://creativecommons.org/publicdomain/zero/1.0/deed.fr');
    expect(licenceShortName('CC-BY-4.0')).toBe('CC BY 4.0');
  });
});
