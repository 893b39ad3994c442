/**
 * Small documents of each family, as a browser would send them (base64), for the resources'
 * tests: real signatures, so the server's check by content sees what it would see in use.
 */
const fromText = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const DOCUMENTS = {
  pdf: fromText('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  /** A Word document: a ZIP whose content types name the word-processing document. */
  docx: 'UEsDBBQAAAAIAAAAIQDGEnoHrAAAAPEAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbF2Puw7CMAxFf6XKihoXBgaUlIEdGPgBK3HbiOahJBT4exKQOjBax/dcWxxfdm4Wisl4J9mWd+zYi9s7UGoKcUmyKedwAEhqIouJ+0CukMFHi7mMcYSA6o4jwa7r9qC8y+Rym6uD9eJS5NFoaq4Y8xktSQZPHzVorx62bPJiY83pF6vNkmEIs1GYy02wOP3X2fphMIrWfLWF6BWlZNxoZ74Si8Ztqh56Ad+n+g9QSwMEFAAAAAgAAAAhAN1ahg0PAAAADQAAABEAAAB3b3JkL2RvY3VtZW50LnhtbLMpt0rJTy7NTc0r0bcDAFBLAQIUAxQAAAAIAAAAIQDGEnoHrAAAAPEAAAATAAAAAAAAAAAAAACAAQAAAABbQ29udGVudF9UeXBlc10ueG1sUEsBAhQDFAAAAAgAAAAhAN1ahg0PAAAADQAAABEAAAAAAAAAAAAAAIAB3QAAAHdvcmQvZG9jdW1lbnQueG1sUEsFBgAAAAACAAIAgAAAABsBAAAAAA==',
  /** An OpenDocument text: a ZIP whose first entry, stored, says its type. */
  odt: 'UEsDBBQAAAAAAAAAIQBexjIMJwAAACcAAAAIAAAAbWltZXR5cGVhcHBsaWNhdGlvbi92bmQub2FzaXMub3BlbmRvY3VtZW50LnRleHRQSwMEFAAAAAgAAAAhADFGq2oaAAAAGgAAAAsAAABjb250ZW50LnhtbLPJT0vLTE61SslPLs1NzSvRTc7PKwHS+nYAUEsBAhQDFAAAAAAAAAAhAF7GMgwnAAAAJwAAAAgAAAAAAAAAAAAAAIABAAAAAG1pbWV0eXBlUEsBAhQDFAAAAAgAAAAhADFGq2oaAAAAGgAAAAsAAAAAAAAAAAAAAIABTQAAAGNvbnRlbnQueG1sUEsFBgAAAAACAAIAbwAAAJAAAAAAAA==',
  markdown: fromText('# Compte rendu\n\nLes conseils citoyens ont coopéré.\n'),
  /** The head of a Windows program (MZ, then the PE header's offset): what a renamed `.exe` starts with. */
  exe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(48), Buffer.from('PE\x00\x00', 'latin1')]).toString('base64'),
  svg: fromText('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  /** Text in Latin-1, not UTF-8: « é » as one byte. */
  latin1: Buffer.from('R\xe9sum\xe9', 'latin1').toString('base64'),
} as const;
