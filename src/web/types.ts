/** Shapes of the API's answers, as the pages use them. */
