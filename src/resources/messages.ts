/** The server's words about a group's resources: their refusals. Merged into the server catalogue. */
export const resourceFr = {
  resource: {
    error: {
      kind: 'Choisissez ce que vous partagez : un document, un lien ou un article.',
      fileType:
        'Ce type de document n’est pas accepté. Partagez un PDF, une image (PNG, JPEG, WebP), un document OpenDocument ou Office (texte, tableur, présentation), ou un texte (TXT, CSV, Markdown).',
      fileMismatch: 'Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.',
      fileContent: 'Ce document est illisible ou vide.',
      fileTooLarge: 'Ce document est trop lourd : 10 Mo au plus.',
      tags: 'Donnez des mots-clés sous forme de liste.',
      tooManyTags: 'Vingt mots-clés au plus.',
      notAnOutput: 'Cette production ne figure pas dans la liste de la charte.',
      onlyForLinks: 'Seul un lien a une adresse.',
      onlyForArticles: 'Seul un article a un texte.',
    },
    refusal: {
      confidential: 'Une ressource confidentielle reste au sein du groupe : elle ne peut pas être publiée.',
      notOpen: 'Une ressource sous « tous droits réservés » ne peut pas être publiée : choisissez d’abord une licence libre.',
      stillPublished: 'Cette ressource est publiée : retirez-la de la publication avant de la rendre confidentielle ou de la mettre sous « tous droits réservés ».',
      alreadyPublished: 'Cette ressource est déjà publiée.',
      notPublished: 'Cette ressource n’est pas publiée.',
      authorConsent: 'Son auteur ou son autrice n’a pas accepté que cette ressource soit publiée avec son nom : elle ne peut pas l’être sans son accord.',
    },
  },
};

export const resourceEn: typeof resourceFr = {
  resource: {
    error: {
      kind: 'Choose what you share: a document, a link or an article.',
      fileType:
        'This type of document is not accepted. Share a PDF, an image (PNG, JPEG, WebP), an OpenDocument or Office document (text, spreadsheet, presentation), or a text (TXT, CSV, Markdown).',
      fileMismatch: 'The content of this document does not match its type: it was not saved.',
      fileContent: 'This document is unreadable or empty.',
      fileTooLarge: 'This document is too large: 10 MB at most.',
      tags: 'Give the tags as a list.',
      tooManyTags: 'Twenty tags at most.',
      notAnOutput: 'This output is not in the charter’s list.',
      onlyForLinks: 'Only a link has an address.',
      onlyForArticles: 'Only an article has a text.',
    },
    refusal: {
      confidential: 'A confidential resource stays within the group: it cannot be published.',
      notOpen: 'A resource under “all rights reserved” cannot be published: choose an open licence first.',
      stillPublished: 'This resource is published: take it back from publication before making it confidential or putting it under “all rights reserved”.',
      alreadyPublished: 'This resource is already published.',
      notPublished: 'This resource is not published.',
      authorConsent: 'Its author has not agreed that this resource be published with their name: it cannot be without their consent.',
    },
  },
};
