/** The words of a questionnaire's answers exported as CSV. Merged into the server catalogue. */
export const questionnaireResultsFr = {
  questionnaireResults: {
    csv: { respondent: 'Personne' },
  },
};

export const questionnaireResultsEn: typeof questionnaireResultsFr = {
  questionnaireResults: {
    csv: { respondent: 'Respondent' },
  },
};
