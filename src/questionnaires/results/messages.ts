/** The words of a questionnaire's answers exported as CSV. Merged into the server catalogue. */
export const questionnaireResultsFr = {
  questionnaireResults: {
    csv: { respondent: 'Personne' },
    refusal: { tooFewAnswers: 'Les résultats apparaîtront à partir de 3 réponses, pour que personne ne soit reconnu.' },
  },
};

export const questionnaireResultsEn: typeof questionnaireResultsFr = {
  questionnaireResults: {
    csv: { respondent: 'Respondent' },
    refusal: { tooFewAnswers: 'The results will appear from 3 answers on, so that nobody is recognized.' },
  },
};
