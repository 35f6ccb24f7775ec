/** Discord's message limits: the one place they are written. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title, description, field names and values, footer and author, across all embeds of a message. */
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Message components: rows of up to five buttons, or one menu of up to 25 options. */
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  menuPlaceholder: 150,
  menuOptions: 25,
  menuOptionLabel: 100,
  menuOptionValue: 100,
} as const;
