from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User


class EditForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea, required=False, max_length=2_000_000)
    summary = forms.CharField(required=False, max_length=500)
    base = forms.IntegerField(required=False, min_value=0)


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username",)
