/** The anchor of the booking form on the pooled means' page, where the project page's « Réserver un moyen » lands. */
export const BOOKING_FORM_ANCHOR = 'reserver';

export const bookingFormPath = (partnershipId: string, projectId: string) => `/p/${partnershipId}/moyens?projet=${projectId}#${BOOKING_FORM_ANCHOR}`;
