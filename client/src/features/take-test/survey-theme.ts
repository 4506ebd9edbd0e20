// SurveyJS in the house style: the self-hosted Golos font and Orientir's colours.
import type { ITheme } from "survey-core";

export const SURVEY_THEME: ITheme = {
  themeName: "orientir",
  colorPalette: "light",
  isPanelless: false,
  cssVariables: {
    "--sjs-font-family": "'Golos Text Variable', system-ui, sans-serif",
    "--sjs-general-backcolor-dim": "#f3f5f8",
    "--sjs-primary-backcolor": "#1d3b63",
    "--sjs-primary-backcolor-light": "rgba(29, 59, 99, 0.1)",
    "--sjs-primary-backcolor-dark": "#16304f",
    "--sjs-primary-forecolor": "#ffffff",
    "--sjs-base-unit": "8px",
    "--sjs-corner-radius": "6px",
    "--sjs-font-size": "16px",
    "--sjs-shadow-small": "0px 1px 2px 0px rgba(16, 24, 40, 0.08)",
  },
};
