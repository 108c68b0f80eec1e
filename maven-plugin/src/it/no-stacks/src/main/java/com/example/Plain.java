package com.example;

public class Plain {
}
