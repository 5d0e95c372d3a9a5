from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from ..wiki.limits import PageTooLarge, check_size


class EditForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea, required=False, strip=False)
    summary = forms.CharField(required=False, max_length=500)
    base = forms.IntegerField(required=False, min_value=0)

    def clean_text(self) -> str:
        """Browsers send a textarea's lines ended by CR LF; pages store LF, and merges compare lines."""
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n")
        try:
            check_size(text)
        except PageTooLarge as exc:
            raise forms.ValidationError(str(exc)) from None
        return text


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username",)
